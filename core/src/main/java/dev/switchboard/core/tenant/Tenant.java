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

	/** Messages a widget end user may send per minute; null for the deployment default. */
	@Column(name = "requests_per_minute_per_user")
	public Integer requestsPerMinutePerUser;

	/** Messages and completions an API key may send per minute; null for the deployment default. */
	@Column(name = "requests_per_minute_per_key")
	public Integer requestsPerMinutePerKey;

	/** Tokens (input and output) the tenant may use per UTC day; null for no budget. */
	@Column(name = "tokens_per_day")
	public Long tokensPerDay;

	/** Days the tenant keeps its connectors' records; null for the deployment default. */
	@Column(name = "record_retention_days")
	public Integer recordRetentionDays;

	@Column(name = "created_at")
	public OffsetDateTime createdAt;
}
