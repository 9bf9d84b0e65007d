package dev.switchboard.core.widget;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.List;
import org.hibernate.annotations.ColumnTransformer;

/** A tenant's chat widget. The identity secrets are stored encrypted (SecretBox). */
@Entity
public class Widget {

	@Id
	@Column(name = "tenant_id")
	public String tenantId;

	@Column(name = "public_id")
	public String publicId;

	@Convert(converter = OriginsConverter.class)
	@ColumnTransformer(read = "allowed_origins::text", write = "?::text::jsonb")
	@Column(name = "allowed_origins")
	public List<String> allowedOrigins;

	@Column(name = "identity_secret")
	public String identitySecret;

	@Column(name = "previous_identity_secret")
	public String previousIdentitySecret;

	@Column(name = "previous_valid_until")
	public OffsetDateTime previousValidUntil;

	@Column(name = "created_at")
	public OffsetDateTime createdAt;

	@Column(name = "updated_at")
	public OffsetDateTime updatedAt;
}
