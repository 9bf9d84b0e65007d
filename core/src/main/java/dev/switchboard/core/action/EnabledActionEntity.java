package dev.switchboard.core.action;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** An action a tenant enabled, pinned to the hash of the definition the admin approved. */
@Entity
@Table(name = "connector_action")
@IdClass(EnabledActionEntity.Key.class)
public class EnabledActionEntity {

	@Id
	@Column(name = "tenant_id")
	public String tenantId;

	@Id
	public String connector;

	@Id
	public String action;

	@Column(name = "spec_hash")
	public String specHash;

	/** False relaxes confirmation for a WRITE action; DESTRUCTIVE ones always ask. */
	public boolean confirm;

	@Column(name = "enabled_at")
	public OffsetDateTime enabledAt;

	/** Composite primary key. */
	public static class Key implements Serializable {
		public String tenantId;
		public String connector;
		public String action;

		public Key() {
		}

		public Key(String tenantId, String connector, String action) {
			this.tenantId = tenantId;
			this.connector = connector;
			this.action = action;
		}

		@Override
		public boolean equals(Object o) {
			return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && Objects.equals(connector, k.connector)
					&& Objects.equals(action, k.action);
		}

		@Override
		public int hashCode() {
			return Objects.hash(tenantId, connector, action);
		}
	}
}
