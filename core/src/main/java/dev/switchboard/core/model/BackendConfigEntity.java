package dev.switchboard.core.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import jakarta.persistence.Convert;
import org.hibernate.annotations.ColumnTransformer;

/** A tenant's configured model backend. Secret values in {@link #config} are stored encrypted (SecretBox). */
@Entity
@Table(name = "model_backend")
@IdClass(BackendConfigEntity.Key.class)
public class BackendConfigEntity {

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

	public int position;

	/** Dollars per million input tokens, or null when unknown. */
	@Column(name = "input_price")
	public BigDecimal inputPrice;

	/** Dollars per million output tokens, or null when unknown. */
	@Column(name = "output_price")
	public BigDecimal outputPrice;

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
			return o instanceof Key k && java.util.Objects.equals(tenantId, k.tenantId) && java.util.Objects.equals(name, k.name);
		}

		@Override
		public int hashCode() {
			return java.util.Objects.hash(tenantId, name);
		}
	}
}
