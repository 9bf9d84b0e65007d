package dev.switchboard.core.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
public class Conversation {

	@Id
	public UUID id;

	@Column(name = "tenant_id")
	public String tenantId;

	/** The widget end user who started it; null when an operator or server started it. */
	@Column(name = "end_user_id")
	public String endUserId;

	public String title;

	@Column(name = "created_at")
	public OffsetDateTime createdAt;

	@Column(name = "updated_at")
	public OffsetDateTime updatedAt;
}
