package dev.switchboard.core.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An uploaded image, referred to from message parts by id. */
@Entity
public class Attachment {

	@Id
	public UUID id;

	@Column(name = "tenant_id")
	public String tenantId;

	@Column(name = "conversation_id")
	public UUID conversationId;

	@Column(name = "media_type")
	public String mediaType;

	public byte[] data;

	@Column(name = "created_at")
	public OffsetDateTime createdAt;
}
