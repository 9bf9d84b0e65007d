package dev.switchboard.core.widget;

import dev.switchboard.core.model.ConfigValuesConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

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

	/** Attributes from the identity token that tenant routing rules match on. */
	@Convert(converter = ConfigValuesConverter.class)
	@ColumnTransformer(read = "attributes::text", write = "?::text::jsonb")
	public Map<String, String> attributes = Map.of();

	/** The verified identity token, encrypted; only connectors that declared it receive it. */
	@Column(name = "identity_token")
	public String identityToken;

	@Column(name = "expires_at")
	public OffsetDateTime expiresAt;

	@Column(name = "created_at")
	public OffsetDateTime createdAt;
}
