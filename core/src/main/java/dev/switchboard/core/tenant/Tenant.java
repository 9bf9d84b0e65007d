package dev.switchboard.core.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;

/** A SaaS company served by this deployment. Every other row belongs to exactly one tenant. */
@Entity
public class Tenant {

	@Id
	public String id;

	public String name;

	@Column(name = "created_at")
	public OffsetDateTime createdAt;
}
