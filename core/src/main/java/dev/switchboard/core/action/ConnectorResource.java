package dev.switchboard.core.action;

import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.model.BackendChanges;
import dev.switchboard.core.plugin.PluginHost;
import dev.switchboard.core.problem.Problem;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.record.ConnectorRecords;
import dev.switchboard.core.secret.SecretBox;
import dev.switchboard.core.tenant.CurrentTenant;
import dev.switchboard.sdk.action.ActionConnectorFactory;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.config.ConfigSchema;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.config.InvalidConfigException;
import dev.switchboard.sdk.error.PluginException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * A tenant's connectors and the actions it lets its model use. Every action starts disabled; enabling one pins its
 * definition, and a connector that later changes it loses the action until an admin enables it again.
 */
@Path("/api/v1/admin/connectors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Connectors", description = "Action connectors, their actions, and what the model may do with them")
@SecurityRequirement(name = "bearer")
@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN })
public class ConnectorResource {

	private final CurrentTenant tenant;
	private final ConnectorRepository repository;
	private final EnabledActionRepository enabled;
	private final Connectors connectors;
	private final PluginHost plugins;
	private final SecretBox secrets;
	private final BackendChanges changes;
	private final ConnectorRecords records;
	private final SecurityIdentity identity;

	public ConnectorResource(CurrentTenant tenant, ConnectorRepository repository, EnabledActionRepository enabled,
			Connectors connectors, PluginHost plugins, SecretBox secrets, BackendChanges changes, ConnectorRecords records,
			SecurityIdentity identity) {
		this.identity = identity;
		this.tenant = tenant;
		this.repository = repository;
		this.enabled = enabled;
		this.connectors = connectors;
		this.plugins = plugins;
		this.secrets = secrets;
		this.changes = changes;
		this.records = records;
	}

	@Schema(name = "ConnectorRequest")
	public record ConnectorRequest(
			@NotBlank @Schema(example = "hubspot") String factoryId,
			@NotNull @Schema(description = "Settings per the factory's schema. Omit a secret to keep the stored one.") Map<String, String> config,
			@Schema(description = "Let it reach loopback, private and link-local addresses (self-hosted product APIs, "
					+ "tests). Off by default; only a platform admin may turn it on.") Boolean allowPrivateNetwork) {
	}

	@Schema(name = "ConnectorAction")
	public record ActionView(String name, String title, String description,
			@Schema(enumeration = { "READ_ONLY", "IDEMPOTENT_WRITE", "WRITE", "DESTRUCTIVE" }) String effect,
			String inputSchema, boolean enabled,
			@Schema(description = "Whether the user confirms before it runs (when enabled)") boolean confirm,
			@Schema(description = "Enabled, but the connector changed the definition since: off until enabled again") boolean changedSinceApproval) {
	}

	@Schema(name = "Connector")
	public record ConnectorView(String name, String factoryId,
			@Schema(description = "Settings; secrets are never returned, only whether they are set") Map<String, String> config,
			List<String> secretsSet, boolean allowPrivateNetwork,
			@Schema(description = "Hosts it may call, as it declared them") Set<String> hosts,
			boolean receivesEndUserIdentity,
			@Schema(description = "false when its plugin is not loaded or the instance could not be created") boolean live,
			List<ActionView> actions) {
	}

	@Schema(name = "EnableAction")
	public record EnableRequest(
			@Schema(description = "For WRITE and IDEMPOTENT_WRITE actions, false lets them run without asking the "
					+ "user; refused for DESTRUCTIVE ones. Default true.") Boolean confirm) {
	}

	@Schema(name = "ConnectionCheck")
	public record ConnectionCheck(boolean ok, String code, String message) {
	}

	@GET
	@WithSession
	@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER })
	@Operation(summary = "List the tenant's connectors with their actions")
	public Uni<List<ConnectorView>> list() {
		return tenant.id().flatMap(tenantId -> repository.listByTenant(tenantId).flatMap(rows -> enabled
				.listByTenant(tenantId).flatMap(on -> connectors.forTenant(tenantId).map(live -> {
					List<ConnectorView> views = new ArrayList<>();
					rows.forEach(row -> views.add(view(row, live, on)));
					return views;
				}))));
	}

	@PUT
	@Path("/{name}")
	@WithTransaction
	@Operation(summary = "Create or replace a connector", description = "Validates the configuration against the "
			+ "factory's schema and stores secret values encrypted. Settings the plugin marks platformAdminOnly keep "
			+ "their stored value when left blank, and only a platform admin may change them. Its actions stay as "
			+ "enabled; a changed definition turns an action off until re-enabled.")
	@APIResponse(responseCode = "400", description = "Invalid configuration",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	@APIResponse(responseCode = "403", description = "A setting only platform admins may set or change (or "
			+ "allowPrivateNetwork turned on) was given "
			+ "another value (setting_requires_platform_admin)",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	public Uni<ConnectorView> put(@PathParam("name") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}",
			message = "must be lower-case letters, digits and dashes") String name, @Valid @NotNull ConnectorRequest request) {
		ActionConnectorFactory factory = factory(request.factoryId());
		ConfigSchema schema = factory.configSchema();
		return tenant.id().flatMap(tenantId -> repository.findOwned(tenantId, name).flatMap(existing -> {
			Map<String, String> validated = secrets.validatedSettings(schema, tenantId, request.config(),
					existing == null ? null : existing.config, identity.hasRole(Roles.PLATFORM_ADMIN));
			boolean allowPrivateNetwork = Boolean.TRUE.equals(request.allowPrivateNetwork());
			if (allowPrivateNetwork && !(existing != null && existing.allowPrivateNetwork)
					&& !identity.hasRole(Roles.PLATFORM_ADMIN)) {
				// The deployment's own network (internal services, cloud metadata) is the operator's, not a tenant's.
				throw new ProblemException(Problem.of(403, "setting_requires_platform_admin", "Platform admin only",
						"Only a platform admin may let a connector reach loopback, private or link-local addresses."));
			}
			refuseWhatCannotBeCreated(factory, new InstanceConfig(tenantId, name, validated));
			ConnectorEntity row = existing != null ? existing : new ConnectorEntity();
			OffsetDateTime now = OffsetDateTime.now();
			if (existing == null) {
				row.tenantId = tenantId;
				row.name = name;
				row.createdAt = now;
			}
			row.factoryId = factory.id();
			row.config = secrets.sealSettings(schema, tenantId, validated);
			row.allowPrivateNetwork = allowPrivateNetwork;
			row.updatedAt = now;
			return repository.persist(row).call(() -> changes.announce(tenantId, BackendChanges.Change.CONNECTORS)).invoke(() -> connectors.invalidate(tenantId))
					.flatMap(saved -> enabled.listByTenant(tenantId).map(on -> {
						// A throwaway instance shows what the saved configuration offers and needs.
						List<Connectors.LiveConnector> probe = connectors.create(saved).stream().toList();
						try {
							return view(saved, probe, on);
						} finally {
							probe.forEach(c -> c.connector().close());
						}
					}));
		}));
	}

	@DELETE
	@Path("/{name}")
	@WithTransaction
	@ResponseStatus(204)
	@Operation(summary = "Remove a connector and disable its actions")
	public Uni<Void> delete(@PathParam("name") String name) {
		return tenant.id().flatMap(tenantId -> owned(tenantId, name).flatMap(row -> repository.delete(row))
				.call(() -> changes.announce(tenantId, BackendChanges.Change.CONNECTORS)).invoke(() -> connectors.invalidate(tenantId)));
	}

	@POST
	@Path("/{name}/test")
	@Blocking
	@Operation(summary = "Test the connection", description = "One cheap authenticated read against the product API; "
			+ "on failure, a reason an admin can act on (bad token, wrong domain, missing scope).")
	public ConnectionCheck test(@PathParam("name") String name) {
		String tenantId = ReactiveCalls.await(tenant::id);
		Connectors.LiveConnector live = ReactiveCalls.await(() -> connectors.forTenant(tenantId)).stream()
				.filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> ProblemException.notFound(
						"connector_not_found", "Connector", "No live connector '" + name + "' in this tenant."));
		try {
			live.connector().verifyConnection();
			return new ConnectionCheck(true, null, "Connected.");
		} catch (PluginException e) {
			return new ConnectionCheck(false, e.code(), e.getMessage());
		}
	}

	@PUT
	@Path("/{name}/actions/{action}")
	@WithTransaction
	@Operation(summary = "Enable an action for the tenant's model", description = "Pins the action's current "
			+ "definition. Confirmation can be relaxed for WRITE actions only.")
	@APIResponse(responseCode = "409", description = "Another enabled action has the same name",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	public Uni<ConnectorView> enable(@PathParam("name") String name, @PathParam("action") String action,
			EnableRequest request) {
		boolean confirm = request == null || request.confirm() == null || request.confirm();
		return tenant.id().flatMap(tenantId -> owned(tenantId, name).flatMap(row -> connectors.forTenant(tenantId)
				.flatMap(live -> connectors.enabledActions(tenantId).flatMap(active -> {
					Connectors.LiveConnector connector = live.stream().filter(c -> c.name().equals(name)).findFirst()
							.orElseThrow(() -> new ProblemException(409, "connector_not_live", "Connector not live",
									"Connector '" + name + "' could not be created; fix its configuration or plugin first."));
					ActionSpec spec = connector.connector().actions().stream().filter(s -> s.name().equals(action))
							.findFirst().orElseThrow(() -> ProblemException.notFound("action_not_found", "Action",
									"Connector '" + name + "' offers no action '" + action + "'."));
					if (!confirm && spec.effect() == dev.switchboard.sdk.action.Effect.DESTRUCTIVE) {
						throw ProblemException.invalid("Destructive actions always ask the user first.",
								Map.of("confirm", "must be true for the destructive action " + action));
					}
					if (active.stream().anyMatch(a -> a.spec().name().equals(action) && !a.connector().name().equals(name))) {
						throw new ProblemException(409, "action_name_taken", "Action name taken", "Another connector's "
								+ "enabled action is named '" + action + "'; the model could not tell them apart.");
					}
					return enabled.findById(new EnabledActionEntity.Key(tenantId, name, action)).flatMap(existing -> {
						EnabledActionEntity on = existing != null ? existing : new EnabledActionEntity();
						on.tenantId = tenantId;
						on.connector = name;
						on.action = action;
						on.specHash = Connectors.specHash(spec);
						on.confirm = confirm;
						on.enabledAt = OffsetDateTime.now();
						return enabled.persist(on);
					}).call(() -> changes.announce(tenantId, BackendChanges.Change.CONNECTORS)).invoke(() -> connectors.invalidate(tenantId))
							.flatMap(saved -> enabled.listByTenant(tenantId)).map(on -> view(row, live, on));
				}))));
	}

	@DELETE
	@Path("/{name}/actions/{action}")
	@WithTransaction
	@ResponseStatus(204)
	@Operation(summary = "Disable an action", description = "Takes effect on the next turn.")
	public Uni<Void> disable(@PathParam("name") String name, @PathParam("action") String action) {
		return tenant.id().flatMap(tenantId -> enabled.deleteById(new EnabledActionEntity.Key(tenantId, name, action))
				.call(() -> changes.announce(tenantId, BackendChanges.Change.CONNECTORS)).invoke(() -> connectors.invalidate(tenantId)).replaceWithVoid());
	}

	/**
	 * Creates (and closes) an instance before anything is stored, so a configuration the plugin refuses (a form
	 * with an invalid schema, an OpenAPI document that does not parse) is a 400 now, not a dead connector later.
	 */
	private void refuseWhatCannotBeCreated(ActionConnectorFactory factory, InstanceConfig config) {
		try {
			factory.create(config, new ConnectorHost(new EgressGuard(config.instanceName(),
					factory.permissions(config).hosts(), false), records.storeFor(config.tenantId(), config.instanceName())))
					.close();
		} catch (InvalidConfigException e) {
			throw e;
		} catch (RuntimeException e) {
			throw ProblemException.badRequest("connector_not_created", "The '" + factory.id() + "' plugin refused this "
					+ "configuration: " + e.getMessage());
		}
	}

	private Uni<ConnectorEntity> owned(String tenantId, String name) {
		return repository.findOwned(tenantId, name).map(row -> {
			if (row == null) {
				throw ProblemException.notFound("connector_not_found", "Connector", "No connector '" + name + "' in this tenant.");
			}
			return row;
		});
	}

	private ActionConnectorFactory factory(String id) {
		return plugins.actionFactory(id).orElseThrow(() -> ProblemException.notFound("unknown_factory",
				"Action factory", "No started plugin provides action factory '" + id + "'."));
	}

	private ConnectorView view(ConnectorEntity row, List<Connectors.LiveConnector> live, List<EnabledActionEntity> on) {
		List<String> secretNames = plugins.actionFactory(row.factoryId).map(f -> f.configSchema().secretNames())
				.orElse(List.of());
		Map<String, String> shown = new HashMap<>(row.config);
		secretNames.forEach(shown::remove);
		Connectors.LiveConnector instance = live.stream().filter(c -> c.name().equals(row.name)).findFirst().orElse(null);
		List<ActionView> actions = new ArrayList<>();
		if (instance != null) {
			for (ActionSpec spec : instance.connector().actions()) {
				EnabledActionEntity state = on.stream().filter(e -> e.connector.equals(row.name) && e.action.equals(spec.name()))
						.findFirst().orElse(null);
				boolean changed = state != null && !state.specHash.equals(Connectors.specHash(spec));
				actions.add(new ActionView(spec.name(), spec.title(), spec.description(), spec.effect().name(),
						spec.inputSchema(), state != null && !changed,
						Connectors.confirm(spec, state == null || state.confirm), changed));
			}
		}
		return new ConnectorView(row.name, row.factoryId, shown, secretNames.stream().filter(row.config::containsKey).toList(),
				row.allowPrivateNetwork, instance == null ? Set.of() : instance.permissions().hosts(),
				instance != null && instance.permissions().receivesEndUserIdentity(), instance != null, actions);
	}
}
