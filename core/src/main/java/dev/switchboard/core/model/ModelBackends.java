package dev.switchboard.core.model;

import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.plugin.PluginHost;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.secret.SecretBox;
import dev.switchboard.core.tenant.CurrentTenant;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.model.Capability;
import dev.switchboard.sdk.model.ChatCall;
import dev.switchboard.sdk.model.ModelBackendFactory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.quarkus.runtime.StartupEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The live model backends of each tenant, created from plugin factories and cached until their configuration
 * changes. The default tenant also gets the zero-configuration backend from {@link EnvironmentBackends}.
 */
@ApplicationScoped
public class ModelBackends {

	private static final Logger LOG = Logger.getLogger(ModelBackends.class);

	private final PluginHost plugins;
	private final BackendConfigRepository repository;
	private final EnvironmentBackends environment;
	private final SecretBox secrets;
	private final BackendHealth health;
	private final Map<String, List<ConfiguredBackend>> byTenant = new ConcurrentHashMap<>();
	/** Counts invalidations, so a load that raced one is not cached. */
	private final AtomicLong invalidations = new AtomicLong();
	/** The default tenant's zero-configuration settings, detected once. */
	private Optional<Map.Entry<String, Map<String, String>>> environmentConfig;
	/** Its instance, made again from the serving plugin version after an upgrade; null until made. */
	private volatile Optional<ConfiguredBackend> environmentBackend;


	public ModelBackends(PluginHost plugins, BackendConfigRepository repository, EnvironmentBackends environment,
			SecretBox secrets, BackendHealth health) {
		this.health = health;
		this.plugins = plugins;
		this.repository = repository;
		this.environment = environment;
		this.secrets = secrets;
	}

	/** The tenant's backends, in preference order. A cache hit opens no database session: this is the hot path. */
	public Uni<List<ConfiguredBackend>> forTenant(String tenantId) {
		List<ConfiguredBackend> cached = byTenant.get(tenantId);
		if (cached != null) {
			return Uni.createFrom().item(cached);
		}
		long generation = invalidations.get();
		return ReactiveCalls.onContext(() -> Panache.withSession(() -> repository.listByTenant(tenantId))).flatMap(rows -> {
			List<ConfiguredBackend> backends = new ArrayList<>();
			if (CurrentTenant.DEFAULT.equals(tenantId)) {
				environmentBackend().ifPresent(backends::add);
			}
			for (BackendConfigEntity row : rows) {
				create(row).ifPresent(backends::add);
			}
			List<ConfiguredBackend> created = List.copyOf(backends);
			List<ConfiguredBackend> winner;
			synchronized (byTenant) {
				winner = invalidations.get() == generation ? byTenant.computeIfAbsent(tenantId, k -> created) : null;
			}
			if (winner != created) {
				closeOwned(created);
			}
			// Made from what an invalidation (a new configuration, a plugin upgrade) has just replaced: make them again.
			return winner == null ? forTenant(tenantId) : Uni.createFrom().item(winner);
		});
	}

	/**
	 * The backends able to serve the call, in preference order: those named (a role's backends, in the role's order),
	 * or all of the tenant's when none are named. Skips backends that cannot see when the call carries an image or
	 * cannot call tools when it offers tools, whatever the configuration, and those whose circuit is open while another
	 * can serve. The caller tries them in order until one answers.
	 *
	 * @param named the backend names to use, in order; empty for all
	 * @throws ProblemException {@code no_model_configured} or {@code no_capable_model}, saying what to configure
	 */
	public Uni<List<ConfiguredBackend>> candidates(String tenantId, ChatCall call, List<String> named) {
		return forTenant(tenantId).map(backends -> {
			if (backends.isEmpty()) {
				throw new ProblemException(503, "no_model_configured", "No model configured",
						"Tenant '" + tenantId + "' has no model backend. Set SWITCHBOARD_OPENAI_BASE_URL, "
								+ "SWITCHBOARD_OPENAI_API_KEY and SWITCHBOARD_OPENAI_MODEL (default tenant), run Ollama on "
								+ "127.0.0.1:11434, or add one with PUT /api/v1/admin/backends/{name}.");
			}
			List<ConfiguredBackend> pool = named.isEmpty() ? backends
					: named.stream().flatMap(n -> backends.stream().filter(b -> b.name().equals(n))).toList();
			List<ConfiguredBackend> capable = pool.stream().filter(b -> fits(b, call)).toList();
			if (capable.isEmpty()) {
				throw new ProblemException(503, "no_capable_model", "No capable model",
						"None of tenant '" + tenantId + "' backends " + names(pool) + " can serve this turn: it "
								+ (call.hasImage() ? "carries an image and needs a backend with vision"
										: "offers tools and needs a backend that can call tools")
								+ ".");
			}
			List<ConfiguredBackend> healthy = capable.stream().filter(b -> health.allows(tenantId, b.name())).toList();
			// With every capable backend cooling down, trying them beats refusing the turn outright.
			return healthy.isEmpty() ? capable : healthy;
		});
	}

	/** The tenant's backend of that name. */
	public Uni<Optional<ConfiguredBackend>> named(String tenantId, String name) {
		return forTenant(tenantId).map(all -> all.stream().filter(b -> b.name().equals(name)).findFirst());
	}

	/** Drops the tenant's cached instances; the next turn creates them from the stored configuration. */
	public void invalidate(String tenantId) {
		List<ConfiguredBackend> removed;
		synchronized (byTenant) {
			invalidations.incrementAndGet();
			removed = byTenant.remove(tenantId);
		}
		if (removed != null) {
			closeOwned(removed);
		}
	}

	/**
	 * A plugin version took over (or gave up) these model factory ids: the environment backend, if made from one, is
	 * made again from the serving version on the next turn; calls in flight finish on the old instance. Tenants'
	 * stored backends follow through {@link #invalidate}.
	 */
	public void factoriesReplaced(List<String> factoryIds) {
		if (!factoryIds.contains(EnvironmentBackends.OPENAI_FACTORY)) {
			return;
		}
		Optional<ConfiguredBackend> replaced;
		synchronized (this) {
			replaced = environmentBackend;
			environmentBackend = null;
		}
		invalidate(CurrentTenant.DEFAULT);
		if (replaced != null) {
			replaced.ifPresent(b -> b.backend().close());
		}
	}

	/** Closes the instances created from stored configuration; the environment backend has its own lifecycle. */
	private static void closeOwned(List<ConfiguredBackend> backends) {
		backends.stream().filter(b -> "api".equals(b.source())).forEach(b -> b.backend().close());
	}

	/** Decrypts the stored secrets and creates the instance; a backend whose plugin is missing is skipped. */
	private Optional<ConfiguredBackend> create(BackendConfigEntity row) {
		Optional<ModelBackendFactory> factory = plugins.modelFactory(row.factoryId);
		if (factory.isEmpty()) {
			LOG.warnf("Backend %s of tenant %s needs model factory '%s', which no started plugin provides",
					row.name, row.tenantId, row.factoryId);
			return Optional.empty();
		}
		Map<String, String> values = secrets.openSettings(factory.get().configSchema(), row.tenantId, row.config);
		try {
			var backend = factory.get().create(new InstanceConfig(row.tenantId, row.name, values));
			return Optional.of(new ConfiguredBackend(row.name, row.factoryId, backend, backend.info(), "api",
					Price.of(row.inputPrice, row.outputPrice)));
		} catch (RuntimeException | LinkageError e) { // LinkageError: a plugin built against another SDK
			LOG.warnf("Backend %s of tenant %s could not be created: %s", row.name, row.tenantId, e);
			return Optional.empty();
		}
	}

	/** Creates the environment backend at start, off the event loop: detecting Ollama makes an HTTP call. */
	void onStart(@Observes StartupEvent event) {
		environmentBackend();
	}

	private synchronized Optional<ConfiguredBackend> environmentBackend() {
		if (environmentConfig == null) {
			environmentConfig = environment.defaultBackendConfig();
		}
		if (environmentBackend == null) {
			environmentBackend = environmentConfig.flatMap(entry -> {
				Optional<ModelBackendFactory> factory = plugins.modelFactory(EnvironmentBackends.OPENAI_FACTORY);
				if (factory.isEmpty()) {
					LOG.error("A default model is configured but the model-openai plugin is not loaded");
					return Optional.empty();
				}
				var values = factory.get().configSchema().validate(entry.getValue());
				var backend = factory.get().create(new InstanceConfig(CurrentTenant.DEFAULT, "default", values));
				return Optional.of(new ConfiguredBackend("default", EnvironmentBackends.OPENAI_FACTORY, backend,
						backend.info(), entry.getKey(), null));
			});
		}
		return environmentBackend;
	}

	private static boolean fits(ConfiguredBackend backend, ChatCall call) {
		return (!call.hasImage() || backend.info().can(Capability.VISION))
				&& (call.tools().isEmpty() || backend.info().can(Capability.TOOLS));
	}

	private static List<String> names(List<ConfiguredBackend> backends) {
		return backends.stream().map(ConfiguredBackend::name).toList();
	}

	@PreDestroy
	void closeAll() {
		byTenant.values().forEach(ModelBackends::closeOwned);
		if (environmentBackend != null) {
			environmentBackend.ifPresent(b -> b.backend().close());
		}
	}
}
