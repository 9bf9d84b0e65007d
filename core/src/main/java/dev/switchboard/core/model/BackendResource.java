package dev.switchboard.core.model;

import dev.switchboard.core.action.InternalAddresses;
import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.plugin.PluginHost;
import dev.switchboard.core.problem.Problem;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.secret.SecretBox;
import dev.switchboard.core.tenant.CurrentTenant;
import dev.switchboard.sdk.config.ConfigSchema;
import dev.switchboard.sdk.model.Capability;
import dev.switchboard.sdk.model.ModelBackendFactory;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** A tenant's model backends: which plugin factory, with which configuration. Secret values are write-only. */
@Path("/api/v1/admin/backends")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Model backends", description = "The tenant's model backends, created from model plugins")
@SecurityRequirement(name = "bearer")
@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN })
public class BackendResource {

	private final CurrentTenant tenant;
	private final BackendConfigRepository repository;
	private final ModelBackends backends;
	private final PluginHost plugins;
	private final SecretBox secrets;
	private final BackendChanges changes;
	private final BackendHealth health;
	private final SecurityIdentity identity;
	private final InternalAddresses internalAddresses;

	public BackendResource(CurrentTenant tenant, BackendConfigRepository repository, ModelBackends backends,
			PluginHost plugins, SecretBox secrets, BackendChanges changes, BackendHealth health, SecurityIdentity identity,
			InternalAddresses internalAddresses) {
		this.internalAddresses = internalAddresses;
		this.health = health;
		this.identity = identity;
		this.changes = changes;
		this.tenant = tenant;
		this.repository = repository;
		this.backends = backends;
		this.plugins = plugins;
		this.secrets = secrets;
	}

	@Schema(name = "BackendRequest")
	public record BackendRequest(
			@NotBlank @Schema(example = "openai") String factoryId,
			@NotNull @Schema(example = "{\"baseUrl\":\"https://api.openai.com/v1\",\"apiKey\":\"sk-...\",\"model\":\"gpt-4o-mini\"}",
					description = "Settings per the factory's schema. Omit a secret to keep the stored one.") Map<String, String> config,
			@Schema(example = "0", description = "Preference order; lower first") Integer position,
			@DecimalMin("0") @Schema(example = "0.15", description = "US dollars per million input tokens; omit when unknown") BigDecimal inputPrice,
			@DecimalMin("0") @Schema(example = "0.60", description = "US dollars per million output tokens; omit when unknown") BigDecimal outputPrice) {
	}

	@Schema(name = "Backend")
	public record BackendView(
			@Schema(example = "openai-main") String name,
			@Schema(example = "openai") String factoryId,
			@Schema(description = "Settings; secrets are never returned, only whether they are set") Map<String, String> config,
			List<String> secretsSet,
			int position,
			@Schema(example = "gpt-4o-mini") String model,
			@Schema(example = "[\"STREAMING\",\"TOOLS\",\"VISION\"]") Set<Capability> capabilities,
			@Schema(example = "128000") Integer contextWindow,
			@Schema(example = "api", enumeration = { "api", "environment", "ollama-detected" }) String source,
			@Schema(description = "false when its plugin is not loaded or the instance could not be created") boolean live,
			@Schema(enumeration = { "closed", "open", "half-open" },
					description = "Circuit breaker on this node: open means skipped after repeated failures") String circuit,
			@Schema(example = "0.15", description = "US dollars per million input tokens; null when unknown") BigDecimal inputPrice,
			@Schema(example = "0.60", description = "US dollars per million output tokens; null when unknown") BigDecimal outputPrice) {
	}

	@GET
	@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER })
	@Operation(summary = "List the tenant's model backends", description = "Stored backends and, for the default tenant, "
			+ "the one configured by environment or detected (Ollama).")
	public Uni<List<BackendView>> list() {
		return tenant.id().flatMap(tenantId -> backends.forTenant(tenantId)
				.flatMap(live -> repository.listByTenant(tenantId).map(rows -> {
					List<BackendView> views = new java.util.ArrayList<>();
					live.stream().filter(b -> !"api".equals(b.source())).forEach(b -> views.add(new BackendView(b.name(),
							b.factoryId(), Map.of("model", b.info().model()), List.of(), -1, b.info().model(),
							b.info().capabilities(), b.info().contextWindow(), b.source(), true, health.state(tenantId, b.name()),
							null, null)));
					for (BackendConfigEntity row : rows) {
						var instance = live.stream().filter(b -> b.name().equals(row.name) && "api".equals(b.source()))
								.findFirst();
						views.add(view(row, instance.orElse(null), health.state(tenantId, row.name)));
					}
					return views;
				})));
	}

	@PUT
	@Path("/{name}")
	@WithTransaction
	@Operation(summary = "Create or replace a model backend", description = "Validates the configuration against the "
			+ "factory's schema and stores secret values encrypted. Takes effect on the next turn.")
	@APIResponse(responseCode = "400", description = "invalid_config, or permission_not_declared: a URL setting names "
			+ "a host the plugin did not declare",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	@APIResponse(responseCode = "403", description = "A setting only platform admins may set or change was given "
			+ "another value, or a URL setting names a loopback, private or link-local address "
			+ "(setting_requires_platform_admin)",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	public Uni<BackendView> put(
			@Parameter(example = "openai-main") @PathParam("name") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}",
					message = "must be lower-case letters, digits and dashes") String name,
			@Valid @NotNull BackendRequest request) {
		ModelBackendFactory factory = plugins.modelFactory(request.factoryId()).orElseThrow(() -> ProblemException.notFound(
				"unknown_factory", "Model factory", "No started plugin provides model factory '" + request.factoryId() + "'."));
		ConfigSchema schema = factory.configSchema();
		Uni<Void> network = identity.hasRole(Roles.PLATFORM_ADMIN) ? Uni.createFrom().voidItem()
				: internalAddresses.refuseInUrlSettings(schema, request.config());
		return network.chain(() -> tenant.id()).flatMap(tenantId -> repository.findOwned(tenantId, name).flatMap(existing -> {
			Map<String, String> validated = secrets.validatedSettings(schema, tenantId, request.config(),
					existing == null ? null : existing.config, identity.hasRole(Roles.PLATFORM_ADMIN));
			plugins.checkModelSettings(factory, validated);
			BackendConfigEntity row = existing != null ? existing : new BackendConfigEntity();
			OffsetDateTime now = OffsetDateTime.now();
			if (existing == null) {
				row.tenantId = tenantId;
				row.name = name;
				row.createdAt = now;
			}
			row.factoryId = factory.id();
			row.config = secrets.sealSettings(schema, tenantId, validated);
			row.position = request.position() == null ? 0 : request.position();
			if ((request.inputPrice() == null) != (request.outputPrice() == null)) {
				throw ProblemException.invalid("Give both prices or neither.",
						Map.of(request.inputPrice() == null ? "inputPrice" : "outputPrice", "is required with the other price"));
			}
			row.inputPrice = request.inputPrice();
			row.outputPrice = request.outputPrice();
			row.updatedAt = now;
			return repository.persist(row).call(saved -> changes.announce(tenantId, BackendChanges.Change.BACKENDS)).map(saved -> view(saved, null, "closed"));
		}));
	}

	@DELETE
	@Path("/{name}")
	@WithTransaction
	@ResponseStatus(204)
	@Operation(summary = "Remove a model backend")
	public Uni<Void> delete(@PathParam("name") String name) {
		return tenant.id().flatMap(tenantId -> repository.findOwned(tenantId, name).flatMap(row -> {
			if (row == null) {
				throw ProblemException.notFound("backend_not_found", "Backend", "No backend '" + name + "' in this tenant.");
			}
			return repository.delete(row).call(() -> changes.announce(tenantId, BackendChanges.Change.BACKENDS));
		}));
	}

	private BackendView view(BackendConfigEntity row, ConfiguredBackend instance, String circuit) {
		List<String> secretNames = plugins.modelFactory(row.factoryId).map(f -> f.configSchema().secretNames())
				.orElse(List.of());
		Map<String, String> shown = new HashMap<>(row.config);
		secretNames.forEach(shown::remove);
		List<String> set = secretNames.stream().filter(row.config::containsKey).toList();
		return new BackendView(row.name, row.factoryId, shown, set, row.position,
				instance == null ? row.config.get("model") : instance.info().model(),
				instance == null ? null : instance.info().capabilities(),
				instance == null ? null : instance.info().contextWindow(), "api", instance != null, circuit,
				row.inputPrice, row.outputPrice);
	}
}
