package dev.switchboard.core.action;

import dev.switchboard.core.plugin.PluginHost;
import dev.switchboard.core.record.ConnectorRecords;
import dev.switchboard.core.secret.SecretBox;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionConnectorFactory;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.action.ConnectorPermissions;
import dev.switchboard.sdk.config.InstanceConfig;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Each tenant's live connectors and the actions it enabled, created from plugin factories and cached until the
 * tenant's configuration changes. This is the one place that decides which actions a tenant's model may see.
 */
@ApplicationScoped
public class Connectors {

	private static final Logger LOG = Logger.getLogger(Connectors.class);

	private final PluginHost plugins;
	private final ConnectorRepository connectors;
	private final EnabledActionRepository enabled;
	private final SecretBox secrets;
	private final ConnectorRecords records;
	private final Map<String, Tenant> byTenant = new ConcurrentHashMap<>();
	/** Counts invalidations, so a load that raced one is not cached. */
	private final AtomicLong invalidations = new AtomicLong();

	/** A connector instance of a tenant. */
	public record LiveConnector(String name, String factoryId, ActionConnector connector,
			ConnectorPermissions permissions) {
	}

	/**
	 * An action the tenant enabled whose definition still matches the one the admin approved.
	 *
	 * @param confirm whether the user confirms before it runs
	 */
	public record EnabledAction(LiveConnector connector, ActionSpec spec, boolean confirm) {
	}

	private record Tenant(List<LiveConnector> connectors, List<EnabledAction> actions) {
	}

	public Connectors(PluginHost plugins, ConnectorRepository connectors, EnabledActionRepository enabled,
			SecretBox secrets, ConnectorRecords records) {
		this.plugins = plugins;
		this.connectors = connectors;
		this.enabled = enabled;
		this.secrets = secrets;
		this.records = records;
	}

	/** The tenant's live connectors. */
	@WithSession
	public Uni<List<LiveConnector>> forTenant(String tenantId) {
		return load(tenantId).map(Tenant::connectors);
	}

	/** The actions the tenant's model may use, in a stable order. */
	@WithSession
	public Uni<List<EnabledAction>> enabledActions(String tenantId) {
		return load(tenantId).map(Tenant::actions);
	}

	/** Drops the tenant's cached instances; the next turn creates them from the stored configuration. */
	public void invalidate(String tenantId) {
		Tenant removed;
		synchronized (byTenant) {
			invalidations.incrementAndGet();
			removed = byTenant.remove(tenantId);
		}
		if (removed != null) {
			removed.connectors().forEach(c -> c.connector().close());
		}
	}

	/** A stable hash of everything a model or an admin reads in an action's definition. */
	public static String specHash(ActionSpec spec) {
		String canonical = String.join("\u0000", spec.name(), spec.title(), spec.description(), spec.inputSchema(),
				String.valueOf(spec.outputSchema()), spec.effect().name(), String.valueOf(spec.requiresConfirmation()));
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
					.digest(canonical.getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Whether the user confirms first: always for destructive actions, never for reads, else as the tenant set. */
	static boolean confirm(ActionSpec spec, boolean tenantWantsConfirmation) {
		return switch (spec.effect()) {
			case READ_ONLY -> false;
			case DESTRUCTIVE -> true;
			case WRITE, IDEMPOTENT_WRITE -> tenantWantsConfirmation;
		};
	}

	/** Creates a connector instance from a stored row; secrets decrypted. */
	Optional<LiveConnector> create(ConnectorEntity row) {
		Optional<ActionConnectorFactory> factory = plugins.actionFactory(row.factoryId);
		if (factory.isEmpty()) {
			LOG.warnf("Connector %s of tenant %s needs action factory '%s', which no started plugin provides",
					row.name, row.tenantId, row.factoryId);
			return Optional.empty();
		}
		Map<String, String> values = secrets.openSettings(factory.get().configSchema(), row.tenantId, row.config);
		try {
			InstanceConfig config = new InstanceConfig(row.tenantId, row.name, values);
			ConnectorPermissions permissions = factory.get().permissions(config);
			ActionConnector connector = factory.get().create(config, new ConnectorHost(
					new EgressGuard(row.name, permissions.hosts(), row.allowPrivateNetwork),
					records.storeFor(row.tenantId, row.name)));
			return Optional.of(new LiveConnector(row.name, row.factoryId, connector, permissions));
		} catch (RuntimeException | LinkageError e) { // LinkageError: a plugin built against another SDK
			LOG.warnf("Connector %s of tenant %s could not be created: %s", row.name, row.tenantId, e);
			return Optional.empty();
		}
	}

	private Uni<Tenant> load(String tenantId) {
		Tenant cached = byTenant.get(tenantId);
		if (cached != null) {
			return Uni.createFrom().item(cached);
		}
		long generation = invalidations.get();
		return connectors.listByTenant(tenantId).flatMap(rows -> enabled.listByTenant(tenantId).flatMap(enabledRows -> {
			List<LiveConnector> live = new ArrayList<>();
			rows.forEach(row -> create(row).ifPresent(live::add));
			List<EnabledAction> actions = new ArrayList<>();
			for (EnabledActionEntity on : enabledRows) {
				live.stream().filter(c -> c.name().equals(on.connector)).findFirst().ifPresent(c -> {
					Optional<ActionSpec> spec = c.connector().actions().stream()
							.filter(s -> s.name().equals(on.action)).findFirst();
					if (spec.isEmpty()) {
						LOG.warnf("Enabled action %s/%s of tenant %s is no longer offered", on.connector, on.action, tenantId);
					} else if (!specHash(spec.get()).equals(on.specHash)) {
						LOG.warnf("Action %s/%s of tenant %s changed its definition since it was approved; it stays off "
								+ "until an admin enables it again", on.connector, on.action, tenantId);
					} else {
						actions.add(new EnabledAction(c, spec.get(), confirm(spec.get(), on.confirm)));
					}
				});
			}
			actions.sort(java.util.Comparator.comparing(a -> a.spec().name()));
			Tenant created = new Tenant(List.copyOf(live), List.copyOf(actions));
			Tenant winner;
			synchronized (byTenant) {
				winner = invalidations.get() == generation ? byTenant.computeIfAbsent(tenantId, k -> created) : null;
			}
			if (winner != created) {
				created.connectors().forEach(c -> c.connector().close());
			}
			// Made from what an invalidation has just replaced: make them again rather than serve closed instances.
			return winner == null ? load(tenantId) : Uni.createFrom().item(winner);
		}));
	}

	@PreDestroy
	void closeAll() {
		byTenant.values().forEach(t -> t.connectors().forEach(c -> c.connector().close()));
	}
}
