package dev.switchboard.core.tenant;

import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.usage.UsageMeter;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's request limits and daily token budget. Platform admins set them; the tenant's operators can read them. */
@Path("/api/v1/admin/limits")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
@SecurityRequirement(name = "bearer")
public class LimitsResource {

	private final CurrentTenant tenant;
	private final TenantRepository tenants;
	private final RateLimits rateLimits;
	private final UsageMeter usage;
	private final int defaultPerUser;
	private final int defaultPerKey;

	public LimitsResource(CurrentTenant tenant, TenantRepository tenants, RateLimits rateLimits, UsageMeter usage,
			@ConfigProperty(name = "switchboard.limits.requests-per-minute-per-user") int defaultPerUser,
			@ConfigProperty(name = "switchboard.limits.requests-per-minute-per-key") int defaultPerKey) {
		this.tenant = tenant;
		this.tenants = tenants;
		this.rateLimits = rateLimits;
		this.usage = usage;
		this.defaultPerUser = defaultPerUser;
		this.defaultPerKey = defaultPerKey;
	}

	@Schema(name = "Limits")
	public record Limits(
			@NotNull @Min(1) @Max(100_000) @Schema(example = "30", description = "Messages a widget end user may send per minute") Integer requestsPerMinutePerUser,
			@NotNull @Min(1) @Max(1_000_000) @Schema(example = "600", description = "Messages and completions an API key may send per minute") Integer requestsPerMinutePerKey,
			@Min(1) @Schema(example = "2000000", description = "Tokens (input and output) per UTC day; null for no budget") Long tokensPerDay) {
	}

	@GET
	@WithSession
	@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER })
	@Operation(summary = "Show the tenant's request limits")
	public Uni<Limits> get() {
		return tenant.id().flatMap(tenants::findById).map(t -> new Limits(
				t.requestsPerMinutePerUser != null ? t.requestsPerMinutePerUser : defaultPerUser,
				t.requestsPerMinutePerKey != null ? t.requestsPerMinutePerKey : defaultPerKey, t.tokensPerDay));
	}

	@PUT
	@WithTransaction
	@RolesAllowed(Roles.PLATFORM_ADMIN)
	@Operation(summary = "Set the tenant's request limits")
	public Uni<Limits> put(@Valid @NotNull Limits limits) {
		return tenant.id().flatMap(tenants::findById).map(t -> {
			t.requestsPerMinutePerUser = limits.requestsPerMinutePerUser();
			t.requestsPerMinutePerKey = limits.requestsPerMinutePerKey();
			t.tokensPerDay = limits.tokensPerDay();
			rateLimits.forget(t.id);
			usage.forget(t.id);
			return limits;
		});
	}
}
