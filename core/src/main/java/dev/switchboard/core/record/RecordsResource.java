package dev.switchboard.core.record;

import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.problem.Problem;
import dev.switchboard.core.tenant.CurrentTenant;
import dev.switchboard.core.tenant.TenantRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The tenant's connector records as a whole: how long they are kept, and erasing everything one end user submitted.
 * Tenant admins decide both (their end users' data); viewers read the retention.
 */
@Path("/api/v1/admin/records")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Connectors", description = "Action connectors, their actions, and what the model may do with them")
@SecurityRequirement(name = "bearer")
public class RecordsResource {

	private final CurrentTenant tenant;
	private final TenantRepository tenants;
	private final ConnectorRecords records;
	private final RecordRetention retention;
	private final SecurityIdentity identity;

	public RecordsResource(CurrentTenant tenant, TenantRepository tenants, ConnectorRecords records,
			RecordRetention retention, SecurityIdentity identity) {
		this.tenant = tenant;
		this.tenants = tenants;
		this.records = records;
		this.retention = retention;
		this.identity = identity;
	}

	@Schema(name = "RecordRetention")
	public record Retention(@NotNull @Min(1) @Max(3650) @Schema(example = "90", description = "Days a record is kept "
			+ "after it was stored; older ones are deleted by a periodic purge") Integer days) {
	}

	@Schema(name = "RecordErasure")
	public record Erasure(@Schema(description = "How many records were erased", example = "3") int erased) {
	}

	@GET
	@Path("/retention")
	@WithSession
	@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER })
	@Operation(summary = "Show how long the tenant's connector records are kept")
	public Uni<Retention> retention() {
		return tenant.id().flatMap(tenants::findById).map(t -> new Retention(
				t.recordRetentionDays != null ? t.recordRetentionDays : retention.defaultDays()));
	}

	@PUT
	@Path("/retention")
	@WithTransaction
	@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN })
	@Operation(summary = "Set how long the tenant's connector records are kept", description = "Applies to records "
			+ "already stored: the next purge deletes those older than the new retention.")
	@APIResponse(responseCode = "400", description = "Days outside 1–3650",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	public Uni<Retention> setRetention(@Valid @NotNull Retention wanted) {
		return tenant.id().flatMap(tenants::findById).map(t -> {
			t.recordRetentionDays = wanted.days();
			return wanted;
		});
	}

	@DELETE
	@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN })
	@Operation(summary = "Erase every record of one end user", description = "A data subject's erasure request: "
			+ "deletes the records any of the tenant's connectors stored for this end user (the id the widget's "
			+ "identity token or the API call named). The erasure is logged with who asked and how many records, "
			+ "not with the end user's id.")
	@APIResponse(responseCode = "400", description = "No end user named",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	public Uni<Erasure> eraseEndUser(@QueryParam("endUser") @NotBlank String endUser) {
		return tenant.id().flatMap(tenantId -> records.eraseEndUser(tenantId, endUser, identity.getPrincipal().getName()))
				.map(Erasure::new);
	}
}
