package dev.switchboard.core.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnTransformer;

/** A tenant's stored routing settings document ({@link RoutingSettings}). */
@Entity
@Table(name = "tenant_routing")
public class TenantRoutingEntity {

	@Id
	@Column(name = "tenant_id")
	public String tenantId;

	@ColumnTransformer(read = "settings::text", write = "?::text::jsonb")
	public String settings;

	@Column(name = "updated_at")
	public OffsetDateTime updatedAt;
}
