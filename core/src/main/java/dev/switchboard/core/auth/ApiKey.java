package dev.switchboard.core.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "api_key")
public class ApiKey {

	public static final String CHAT = "chat";
	public static final String ADMIN = "admin";

	@Id
	public UUID id;

	@Column(name = "tenant_id")
	public String tenantId;

	public String name;

	/** The first characters of the key, so an operator can tell keys apart. */
	public String prefix;

	@Column(name = "key_hash")
	public String keyHash;

	public String scope;

	@Column(name = "created_at")
	public OffsetDateTime createdAt;

	@Column(name = "last_used_at")
	public OffsetDateTime lastUsedAt;

	@Column(name = "revoked_at")
	public OffsetDateTime revokedAt;
}
