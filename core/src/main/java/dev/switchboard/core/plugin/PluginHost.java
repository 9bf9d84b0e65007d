package dev.switchboard.core.plugin;

import dev.switchboard.sdk.action.ActionConnectorFactory;
import dev.switchboard.sdk.config.ConfigSchema;
import dev.switchboard.sdk.embedding.TextEmbedderFactory;
import dev.switchboard.sdk.model.ModelBackendFactory;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Owns PF4J: loads and starts every plugin jar of the plugins directory at start, then the marketplace's installs
 * ({@link PluginSources}), keeps the factories they contribute and reports each jar's state. A broken jar is reported
 * and skipped; the app serves on. Factories are not CDI beans: callers look them up here by id.
 *
 * <p>At run time a jar can be {@linkplain #activate activated} (a new plugin, or a new version that takes over the
 * factories of the old one in one step) and a plugin {@linkplain #deactivate deactivated}. The plugin that stops
 * serving is {@linkplain #retire retired}: PF4J unloads it once every instance created from it was closed.
 * Instances hold their plugin through the factories handed out here ({@link TrackedFactories}).
 */
@Startup
@ApplicationScoped
public class PluginHost {

	static final Logger LOG = Logger.getLogger(PluginHost.class);

	private final SwitchboardPluginManager manager;
	private final PluginSources sources;
	private final Map<String, ModelBackendFactory> modelFactories = new ConcurrentHashMap<>();
	private final Map<String, ActionConnectorFactory> actionFactories = new ConcurrentHashMap<>();
	private final Map<String, TextEmbedderFactory> embedderFactories = new ConcurrentHashMap<>();
	private final Map<String, String> extensionFailures = new ConcurrentHashMap<>();
	/** The plugins serving now, by plugin id. */
	private final Map<String, LoadedPlugin> serving = new ConcurrentHashMap<>();
	/** Installed jars that failed to load at start, with the reason. */
	private final Map<Path, String> installFailures = new ConcurrentHashMap<>();

	public PluginHost(@ConfigProperty(name = "switchboard.plugins-dir") Path pluginsDir, PluginSources sources) {
		this.manager = new SwitchboardPluginManager(pluginsDir.toAbsolutePath().normalize());
		this.sources = sources;
	}

	/** Loads and starts the plugins; the container calls it (and a test that runs a second host beside the app's). */
	@PostConstruct
	public void start() {
		manager.loadPlugins(sources.overriddenIds());
		manager.startPlugins();
		// A copy: collecting may stop a broken plugin, which removes it from PF4J's list of started plugins.
		for (PluginWrapper plugin : List.copyOf(manager.getStartedPlugins())) {
			try {
				register(collectFactories(manager, plugin));
			} catch (ClassNotFoundException | LinkageError | RuntimeException e) {
				extensionFailures.put(plugin.getPluginId(), reasonOf(e));
				manager.stopPlugin(plugin.getPluginId());
				LOG.warnf("Plugin %s was stopped: %s", plugin.getPluginId(), extensionFailures.get(plugin.getPluginId()));
			}
		}
		for (Path jar : sources.installedJars()) {
			try {
				activate(jar);
			} catch (PluginActivationException e) {
				installFailures.put(jar, e.getMessage());
				LOG.warnf("Installed plugin %s was not loaded: %s", jar.getFileName(), e.getMessage());
			}
		}
		LOG.infof("Plugins from %s and %d installed: %d serving, %d not started; model factories %s, action factories %s, "
				+ "embedders %s", manager.getPluginsRoot(), sources.installedJars().size(), serving.size(),
				manager.getPlugins().size() - manager.getStartedPlugins().size() + manager.loadFailures().size()
						+ installFailures.size(),
				modelFactories.keySet(), actionFactories.keySet(), embedderFactories.keySet());
	}

	@PreDestroy
	public void stop() {
		serving.values().stream().filter(p -> p.manager() != manager).forEach(p -> p.manager().stopPlugins());
		manager.stopPlugins();
		manager.unloadPlugins();
	}

	/** The model backend factory with that id, if a started plugin contributes it. */
	public Optional<ModelBackendFactory> modelFactory(String id) {
		return Optional.ofNullable(modelFactories.get(id));
	}

	/** The action connector factory with that id, if a started plugin contributes it. */
	public Optional<ActionConnectorFactory> actionFactory(String id) {
		return Optional.ofNullable(actionFactories.get(id));
	}

	/** The text embedder factory of a started plugin (the first by id if several), for the router's signals. */
	public Optional<TextEmbedderFactory> embedderFactory() {
		return embedderFactories.keySet().stream().sorted().findFirst().map(embedderFactories::get);
	}

	/**
	 * Refuses a model backend's settings when a URL among them names a host its plugin did not declare; connectors
	 * are held to their declaration by their factory's {@code permissions}.
	 *
	 * @throws UndeclaredPermissionException naming the setting
	 */
	public void checkModelSettings(ModelBackendFactory factory, Map<String, String> settings) {
		if (factory instanceof TrackedFactories.Model tracked) {
			tracked.plugin().permissions().checkUrls(tracked.plugin().id(), factory.configSchema(), settings);
		}
	}

	/** The serving plugins that name this one as a required dependency ({@code Plugin-Dependencies}). */
	public List<String> dependents(String pluginId) {
		return serving.values().stream().filter(p -> p.manager().getPlugin(p.id()).getDescriptor().getDependencies()
				.stream().anyMatch(d -> !d.isOptional() && d.getPluginId().equals(pluginId))).map(LoadedPlugin::id)
				.sorted().toList();
	}

	/** The plugin serving under that id. */
	public Optional<LoadedPlugin> serving(String pluginId) {
		return Optional.ofNullable(serving.get(pluginId));
	}

	/** What {@link #activate} did: the plugin now serving, and the one it replaced (to retire), if any. */
	public record Activation(LoadedPlugin activated, Optional<LoadedPlugin> replaced) {
	}

	/**
	 * Loads and starts a jar on its own, then lets its factories take over from the plugin of the same id, if one
	 * serves, in one step. On any failure the jar is unloaded again and whatever served before serves on.
	 *
	 * @throws PluginActivationException with a one-line reason: bad manifest, another SDK, a start or extension
	 *                                   failure, or a factory id another plugin already has
	 */
	public synchronized Activation activate(Path jar) throws PluginActivationException {
		SwitchboardPluginManager own = new SwitchboardPluginManager(jar.getParent());
		String pluginId = null;
		try {
			pluginId = own.loadPlugin(jar);
			PluginWrapper plugin = own.getPlugin(pluginId);
			if (plugin.getPluginState() == PluginState.DISABLED) {
				throw new PluginActivationException(own.disabledReason(plugin));
			}
			if (own.startPlugin(pluginId) != PluginState.STARTED) {
				throw new PluginActivationException(plugin.getFailedException() != null
						? reasonOf(plugin.getFailedException()) : "not started (" + plugin.getPluginState() + ")");
			}
			LoadedPlugin loaded = collectFactories(own, plugin);
			Optional<String> taken = takenFactoryId(loaded);
			if (taken.isPresent()) {
				throw new PluginActivationException(taken.get());
			}
			LoadedPlugin previous = serving.get(pluginId);
			// The new factories replace the old ones under the same ids first, so a lookup never finds neither.
			register(loaded);
			if (previous != null) {
				unregister(previous);
			}
			extensionFailures.remove(pluginId);
			LOG.infof("Plugin %s %s activated from %s%s", pluginId, loaded.version(), jar.getFileName(),
					previous == null ? "" : ", replacing " + previous.version());
			return new Activation(loaded, Optional.ofNullable(previous));
		} catch (PluginActivationException e) {
			own.unloadPlugins();
			throw e;
		} catch (ClassNotFoundException | LinkageError | RuntimeException e) {
			own.unloadPlugins();
			throw new PluginActivationException(reasonOf(e));
		}
	}

	/** Stops handing out the plugin's factories; returns it, to be {@linkplain #retire retired}. */
	public synchronized Optional<LoadedPlugin> deactivate(String pluginId) {
		LoadedPlugin plugin = serving.get(pluginId);
		if (plugin != null) {
			unregister(plugin);
		}
		return Optional.ofNullable(plugin);
	}

	/**
	 * Lets PF4J stop and unload a plugin that no longer serves, as soon as its last instance is closed; then runs
	 * {@code afterUnload} (e.g. deleting its jar). Drop the callers' cached instances first, or it stays loaded.
	 */
	public void retire(LoadedPlugin plugin, Runnable afterUnload) {
		if (serving.get(plugin.id()) == plugin) {
			throw new IllegalStateException("plugin " + plugin.id() + " still serves");
		}
		plugin.retire(afterUnload);
	}

	/** Every plugin jar found, started or not, and every plugin installed at run time. */
	public List<PluginStatus> statuses() {
		List<PluginStatus> statuses = new ArrayList<>();
		for (PluginWrapper plugin : manager.getPlugins()) {
			statuses.add(statusOf(manager, plugin));
		}
		for (LoadedPlugin plugin : serving.values()) {
			if (plugin.manager() != manager) {
				statuses.add(statusOf(plugin.manager(), plugin.manager().getPlugin(plugin.id())));
			}
		}
		manager.loadFailures().forEach((path, reason) -> statuses.add(failed(path, reason)));
		installFailures.forEach((path, reason) -> statuses.add(failed(path, reason)));
		return statuses;
	}

	private static PluginStatus failed(Path jar, String reason) {
		String file = jar.getFileName().toString();
		return new PluginStatus(file, null, List.of(), "failed", reason, null, null, List.of(), file, null);
	}

	private LoadedPlugin collectFactories(SwitchboardPluginManager owner, PluginWrapper plugin)
			throws ClassNotFoundException {
		String pluginId = plugin.getPluginId();
		for (String className : owner.getExtensionClassNames(pluginId)) {
			// PF4J only logs an extension it cannot load; load each here so a missing class is reported.
			plugin.getPluginClassLoader().loadClass(className);
		}
		Map<String, ModelBackendFactory> models = new LinkedHashMap<>();
		Map<String, ActionConnectorFactory> actions = new LinkedHashMap<>();
		Map<String, TextEmbedderFactory> embedders = new LinkedHashMap<>();
		DeclaredPermissions permissions = declaredPermissions(plugin.getPluginPath());
		LoadedPlugin loaded = new LoadedPlugin(owner, pluginId, plugin.getDescriptor().getVersion(), plugin.getPluginPath(),
				permissions, models, actions, embedders);
		for (ModelBackendFactory factory : own(owner.getExtensions(ModelBackendFactory.class, pluginId), plugin)) {
			refuseContradiction(permissions, factory.id(), factory.configSchema());
			putNew(models, factory.id(), new TrackedFactories.Model(factory, loaded), pluginId);
		}
		for (ActionConnectorFactory factory : own(owner.getExtensions(ActionConnectorFactory.class, pluginId), plugin)) {
			refuseContradiction(permissions, factory.id(), factory.configSchema());
			putNew(actions, factory.id(), new TrackedFactories.Action(factory, loaded), pluginId);
		}
		for (TextEmbedderFactory factory : own(owner.getExtensions(TextEmbedderFactory.class, pluginId), plugin)) {
			putNew(embedders, factory.id(), new TrackedFactories.Embedder(factory, loaded), pluginId);
		}
		return loaded;
	}

	/**
	 * The extensions the plugin itself defines. PF4J also lists those of the plugins it depends on (their
	 * extensions.idx is visible through its class loader); those belong to the dependency.
	 */
	private static <F> List<F> own(List<F> extensions, PluginWrapper plugin) {
		return extensions.stream().filter(e -> e.getClass().getClassLoader() == plugin.getPluginClassLoader()).toList();
	}

	private static DeclaredPermissions declaredPermissions(Path jar) {
		try {
			return DeclaredPermissions.of(jar);
		} catch (IOException | IllegalArgumentException e) {
			throw new IllegalStateException("its declared permissions cannot be read: " + e.getMessage());
		}
	}

	/** A plugin that takes secrets without declaring it does not start: the admin approved what it declared. */
	private static void refuseContradiction(DeclaredPermissions permissions, String factoryId,
			ConfigSchema schema) {
		String contradiction = permissions.contradiction(factoryId, schema);
		if (contradiction != null) {
			throw new IllegalStateException(contradiction);
		}
	}

	private static <F> void putNew(Map<String, F> factories, String id, F factory, String pluginId) {
		if (factories.putIfAbsent(id, factory) != null) {
			throw new IllegalStateException("factory id '" + id + "' appears twice in plugin " + pluginId);
		}
	}

	/** A factory id may move from a plugin's old version to its new one, never from another plugin. */
	private Optional<String> takenFactoryId(LoadedPlugin plugin) {
		for (LoadedPlugin other : serving.values()) {
			if (other.id().equals(plugin.id())) {
				continue;
			}
			for (String id : plugin.factoryIds()) {
				if (other.models.containsKey(id) && plugin.models.containsKey(id)
						|| other.actions.containsKey(id) && plugin.actions.containsKey(id)
						|| other.embedders.containsKey(id) && plugin.embedders.containsKey(id)) {
					return Optional.of("factory id '" + id + "' of plugin " + plugin.id() + " is already taken by plugin "
							+ other.id());
				}
			}
		}
		return Optional.empty();
	}

	/** Hands out the plugin's factories, replacing those of the same ids (its previous version's). */
	private void register(LoadedPlugin plugin) {
		takenFactoryId(plugin).ifPresent(taken -> {
			throw new IllegalStateException(taken);
		});
		modelFactories.putAll(plugin.models);
		actionFactories.putAll(plugin.actions);
		embedderFactories.putAll(plugin.embedders);
		serving.put(plugin.id(), plugin);
	}

	/** Stops handing out the plugin's factories; ids a newer version took over stay with that version. */
	private void unregister(LoadedPlugin plugin) {
		plugin.models.forEach((id, factory) -> modelFactories.remove(id, factory));
		plugin.actions.forEach((id, factory) -> actionFactories.remove(id, factory));
		plugin.embedders.forEach((id, factory) -> embedderFactories.remove(id, factory));
		serving.remove(plugin.id(), plugin);
	}

	private PluginStatus statusOf(SwitchboardPluginManager owner, PluginWrapper plugin) {
		String pluginId = plugin.getPluginId();
		LoadedPlugin loaded = serving.get(pluginId);
		boolean servingThis = loaded != null && loaded.manager() == owner;
		List<String> kinds = servingThis ? loaded.kinds() : List.of();
		List<String> factories = servingThis ? loaded.factoryIds() : List.of();
		String state;
		String reason = null;
		if (extensionFailures.containsKey(pluginId) && !servingThis) {
			state = "failed";
			reason = extensionFailures.get(pluginId);
		} else if (plugin.getPluginState() == PluginState.STARTED) {
			state = "started";
		} else if (plugin.getPluginState() == PluginState.DISABLED) {
			state = "disabled";
			reason = owner.disabledReason(plugin);
		} else {
			state = "failed";
			reason = plugin.getFailedException() != null ? reasonOf(plugin.getFailedException())
					: "not started (" + plugin.getPluginState() + ")";
		}
		return new PluginStatus(pluginId, plugin.getDescriptor().getVersion(), kinds, state, reason,
				plugin.getDescriptor().getPluginDescription(), plugin.getDescriptor().getProvider(), factories,
				plugin.getPluginPath().getFileName().toString(), servingThis ? loaded.permissions() : null);
	}

	/** A one-line reason, without stack traces or the host's class names. */
	static String reasonOf(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String what = switch (root) {
			case ClassNotFoundException c -> "class not found: " + c.getMessage();
			case NoClassDefFoundError n -> "class not found: " + n.getMessage();
			default -> root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		};
		return e == root || e.getMessage() == null ? what : e.getMessage() + " (" + what + ")";
	}
}
