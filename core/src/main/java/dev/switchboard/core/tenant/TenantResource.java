package dev.switchboard.core.tenant;

import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("/api/v1/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants", description = "The SaaS companies this deployment serves")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class TenantResource {

	private final TenantRepository tenants;

	public TenantResource(TenantRepository tenants) {
		this.tenants = tenants;
	}

	@Schema(name = "CreateTenant")
	public record CreateTenant(
			@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and dashes")
			@Schema(example = "acme-cloud") String id,
			@NotBlank @Size(max = 200) @Schema(example = "Acme Cloud") String name) {
	}

	@Schema(name = "Tenant")
	public record TenantView(@Schema(example = "acme-cloud") String id, @Schema(example = "Acme Cloud") String name,
			OffsetDateTime createdAt) {

		static TenantView of(Tenant t) {
			return new TenantView(t.id, t.name, t.createdAt);
		}
	}

	@GET
	@WithSession
	@Operation(summary = "List tenants")
	public Uni<List<TenantView>> list() {
		return tenants.listAll(Sort.by("id")).map(all -> all.stream().map(TenantView::of).toList());
	}

	@POST
	@WithTransaction
	@ResponseStatus(201)
	@Operation(summary = "Create a tenant")
	public Uni<TenantView> create(@Valid @NotNull CreateTenant request) {
		return tenants.findById(request.id()).flatMap(existing -> {
			if (existing != null) {
				throw new ProblemException(409, "tenant_exists", "Tenant exists", "Tenant '" + request.id() + "' exists.");
			}
			Tenant tenant = new Tenant();
			tenant.id = request.id();
			tenant.name = request.name();
			tenant.createdAt = OffsetDateTime.now();
			return tenants.persist(tenant).map(TenantView::of);
		});
	}
}
