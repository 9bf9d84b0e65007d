package dev.switchboard.core.action;

import dev.switchboard.core.model.ConfigValuesConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import org.hibernate.annotations.ColumnTransformer;

/** A tenant's connector: an action plugin factory and its configuration. Secret values are stored encrypted. */
@Entity
@Table(name = "connector")
@IdClass(ConnectorEntity.Key.class)
public class ConnectorEntity {

	@Id
	@Column(name = "tenant_id")
	public String tenantId;

	@Id
	public String name;

	@Column(name = "factory_id")
	public String factoryId;

	@Convert(converter = ConfigValuesConverter.class)
	@ColumnTransformer(read = "config::text", write = "?::text::jsonb")
	public Map<String, String> config;

	@Column(name = "allow_private_network")
	public boolean allowPrivateNetwork;

	@Column(name = "created_at")
	public OffsetDateTime createdAt;

	@Column(name = "updated_at")
	public OffsetDateTime updatedAt;

	/** Composite primary key. */
	public static class Key implements Serializable {
		public String tenantId;
		public String name;

		public Key() {
		}

		public Key(String tenantId, String name) {
			this.tenantId = tenantId;
			this.name = name;
		}

		@Override
		public boolean equals(Object o) {
			return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && Objects.equals(name, k.name);
		}

		@Override
		public int hashCode() {
			return Objects.hash(tenantId, name);
		}
	}
}
