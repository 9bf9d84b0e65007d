package dev.switchboard.core.widget;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A widget visitor's session; only the hash of its bearer token is kept. */
@Entity
@Table(name = "widget_session")
public class WidgetSession {

	@Id
	public UUID id;

	@Column(name = "tenant_id")
	public String tenantId;

	@Column(name = "token_hash")
	public String tokenHash;

	@Column(name = "end_user_id")
	public String endUserId;

	public boolean verified;

	public String email;

	public String name;

	public String origin;

	@Column(name = "expires_at")
	public OffsetDateTime expiresAt;

	@Column(name = "created_at")
	public OffsetDateTime createdAt;
}
