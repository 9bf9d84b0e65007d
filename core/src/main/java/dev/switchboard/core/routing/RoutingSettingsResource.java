package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.model.BackendChanges;
import dev.switchboard.core.model.ConfiguredBackend;
import dev.switchboard.core.model.ModelBackends;
import dev.switchboard.core.problem.Problem;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.tenant.CurrentTenant;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's role map and routing knobs. */
@Path("/api/v1/admin/routing")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Router", description = "The multi-model router's decisions")
@SecurityRequirement(name = "bearer")
@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN })
public class RoutingSettingsResource {

	private static final String EXAMPLE = """
			{"roles": {"reasoning": {"backends": ["gpt-4o"]},
			           "vision": {"backends": ["gpt-4o"]},
			           "small": {"backends": ["gpt-4o-mini"], "examples": ["what does the Pro plan cost?"]},
			           "action": {"backends": ["gpt-4o"]}},
			 "thresholds": {"margin": 0.03},
			 "rules": [{"if": {"userTier": "enterprise", "route": "small"}, "route": "reasoning"}],
			 "llmRouter": true}""";

	private final CurrentTenant tenant;
	private final TenantRouting routing;
	private final TenantRoutingRepository repository;
	private final ModelBackends backends;
	private final BackendChanges changes;

	public RoutingSettingsResource(CurrentTenant tenant, TenantRouting routing, TenantRoutingRepository repository,
			ModelBackends backends, BackendChanges changes) {
		this.tenant = tenant;
		this.routing = routing;
		this.repository = repository;
		this.backends = backends;
		this.changes = changes;
	}

	@Schema(name = "RoutingSettings")
	public record RoutingView(
			@Schema(description = "The stored settings document; empty when none is stored") JsonNode settings,
			@Schema(description = "The backends each role uses now, first preferred; a role without a mapping uses all "
					+ "backends", example = "{\"small\": [\"gpt-4o-mini\"], \"reasoning\": [\"gpt-4o\"]}") Map<String, List<String>> effective,
			@Schema(description = "Mapped backends that no longer fit their role (removed or changed since saved), by "
					+ "JSON path; turns skip them") Map<String, String> problems) {
	}

	@GET
	@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER })
	@Operation(summary = "Read the routing settings", description = "The role map (role → ordered backends), role "
			+ "descriptions and examples, thresholds, rules and whether the small model breaks close calls.")
	public Uni<RoutingView> get() {
		return tenant.id().flatMap(tenantId -> routing.forTenant(tenantId)
				.flatMap(settings -> backends.forTenant(tenantId).map(live -> view(settings, live))));
	}

	@PUT
	@WithTransaction
	@Operation(summary = "Replace the routing settings", description = "Refuses a role map naming a backend that does "
			+ "not exist, a vision backend without vision, or an action backend without tool calling. Takes effect on "
			+ "the next turn, on every node.")
	@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "four roles", value = EXAMPLE)))
	@APIResponse(responseCode = "400", description = "The settings are invalid; errors by JSON path",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	public Uni<RoutingView> put(@NotNull JsonNode document) {
		RoutingSettings settings;
		try {
			settings = RoutingSettings.parse(document);
		} catch (RoutingCatalog.InvalidCatalogException e) {
			throw ProblemException.invalid("The routing settings are invalid.", e.errors());
		}
		return tenant.id().flatMap(tenantId -> backends.forTenant(tenantId).flatMap(live -> {
			Map<String, String> problems = TenantRouting.problems(settings, live);
			if (!problems.isEmpty()) {
				throw ProblemException.invalid("The role map does not fit the tenant's backends.", problems);
			}
			return repository.findById(tenantId).flatMap(existing -> {
				TenantRoutingEntity row = existing != null ? existing : new TenantRoutingEntity();
				row.tenantId = tenantId;
				row.settings = document.toString();
				row.updatedAt = OffsetDateTime.now();
				return repository.persist(row);
			}).call(() -> changes.announce(tenantId, BackendChanges.Change.ROUTING)).invoke(() -> routing.invalidate(tenantId))
					.map(saved -> view(settings, live));
		}));
	}

	@DELETE
	@WithTransaction
	@Operation(summary = "Remove the routing settings", description = "Every role uses all backends again, in order.")
	public Uni<RoutingView> delete() {
		return tenant.id().flatMap(tenantId -> repository.deleteById(tenantId).call(() -> changes.announce(tenantId, BackendChanges.Change.ROUTING))
				.invoke(() -> routing.invalidate(tenantId))
				.flatMap(deleted -> backends.forTenant(tenantId).map(live -> view(RoutingSettings.NONE, live))));
	}

	private static RoutingView view(RoutingSettings settings, List<ConfiguredBackend> live) {
		Map<String, List<String>> effective = new LinkedHashMap<>();
		for (Route route : Route.values()) {
			effective.put(route.id(), settings.backendsOf(route).isEmpty()
					? live.stream().map(ConfiguredBackend::name).toList() : settings.backendsOf(route));
		}
		JsonNode document = settings.document() == null ? JsonNodeFactory.instance.objectNode() : settings.document();
		return new RoutingView(document, effective, TenantRouting.problems(settings, live));
	}
}
