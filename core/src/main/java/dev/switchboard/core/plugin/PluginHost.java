package dev.switchboard.core.plugin;

import dev.switchboard.sdk.action.ActionConnectorFactory;
import dev.switchboard.sdk.embedding.TextEmbedderFactory;
import dev.switchboard.sdk.model.ModelBackendFactory;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Owns the PF4J plugin manager: loads and starts every plugin jar of the plugins directory at start, keeps the
 * factories they contribute and reports each jar's state. A broken jar is reported and skipped; the app serves on.
 * Factories are not CDI beans: callers look them up here by id.
 */
@Startup
@ApplicationScoped
public class PluginHost {

	private static final Logger LOG = Logger.getLogger(PluginHost.class);

	private final SwitchboardPluginManager manager;
	private final Map<String, ModelBackendFactory> modelFactories = new ConcurrentHashMap<>();
	private final Map<String, ActionConnectorFactory> actionFactories = new ConcurrentHashMap<>();
	private final Map<String, TextEmbedderFactory> embedderFactories = new ConcurrentHashMap<>();
	private final Map<String, String> extensionFailures = new ConcurrentHashMap<>();

	public PluginHost(@ConfigProperty(name = "switchboard.plugins-dir") Path pluginsDir) {
		this.manager = new SwitchboardPluginManager(pluginsDir.toAbsolutePath().normalize());
	}

	@PostConstruct
	void start() {
		manager.loadPlugins();
		manager.startPlugins();
		// A copy: collecting may stop a broken plugin, which removes it from PF4J's list of started plugins.
		for (PluginWrapper plugin : List.copyOf(manager.getStartedPlugins())) {
			collectFactories(plugin);
		}
		LOG.infof("Plugins from %s: %d started, %d not started; model factories %s, action factories %s, embedders %s",
				manager.getPluginsRoot(), manager.getStartedPlugins().size(),
				manager.getPlugins().size() - manager.getStartedPlugins().size() + manager.loadFailures().size(),
				modelFactories.keySet(), actionFactories.keySet(), embedderFactories.keySet());
	}

	@PreDestroy
	void stop() {
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

	/** Every plugin jar found, started or not. */
	public List<PluginStatus> statuses() {
		List<PluginStatus> statuses = new ArrayList<>();
		for (PluginWrapper plugin : manager.getPlugins()) {
			statuses.add(statusOf(plugin));
		}
		manager.loadFailures().forEach((path, reason) -> statuses.add(new PluginStatus(
				path.getFileName().toString(), null, List.of(), "failed", reason, null, null, List.of(),
				path.getFileName().toString())));
		return statuses;
	}

	private void collectFactories(PluginWrapper plugin) {
		String pluginId = plugin.getPluginId();
		try {
			for (String className : manager.getExtensionClassNames(pluginId)) {
				// PF4J only logs an extension it cannot load; load each here so a missing class is reported.
				plugin.getPluginClassLoader().loadClass(className);
			}
			for (ModelBackendFactory factory : manager.getExtensions(ModelBackendFactory.class, pluginId)) {
				register(modelFactories, factory.id(), factory, pluginId);
			}
			for (ActionConnectorFactory factory : manager.getExtensions(ActionConnectorFactory.class, pluginId)) {
				register(actionFactories, factory.id(), factory, pluginId);
			}
			for (TextEmbedderFactory factory : manager.getExtensions(TextEmbedderFactory.class, pluginId)) {
				register(embedderFactories, factory.id(), factory, pluginId);
			}
		} catch (ClassNotFoundException | LinkageError | RuntimeException e) {
			extensionFailures.put(pluginId, reasonOf(e));
			modelFactories.values().removeIf(f -> f.getClass().getClassLoader() == plugin.getPluginClassLoader());
			actionFactories.values().removeIf(f -> f.getClass().getClassLoader() == plugin.getPluginClassLoader());
			embedderFactories.values().removeIf(f -> f.getClass().getClassLoader() == plugin.getPluginClassLoader());
			manager.stopPlugin(pluginId);
			LOG.warnf("Plugin %s was stopped: %s", pluginId, extensionFailures.get(pluginId));
		}
	}

	private static <F> void register(Map<String, F> factories, String id, F factory, String pluginId) {
		F previous = factories.putIfAbsent(id, factory);
		if (previous != null) {
			throw new IllegalStateException("factory id '" + id + "' of plugin " + pluginId + " is already taken");
		}
	}

	private PluginStatus statusOf(PluginWrapper plugin) {
		String pluginId = plugin.getPluginId();
		List<String> kinds = new ArrayList<>();
		List<String> factories = new ArrayList<>();
		modelFactories.forEach((id, f) -> {
			if (f.getClass().getClassLoader() == plugin.getPluginClassLoader()) {
				factories.add(id);
				if (!kinds.contains("model")) {
					kinds.add("model");
				}
			}
		});
		actionFactories.forEach((id, f) -> {
			if (f.getClass().getClassLoader() == plugin.getPluginClassLoader()) {
				factories.add(id);
				if (!kinds.contains("action")) {
					kinds.add("action");
				}
			}
		});
		embedderFactories.forEach((id, f) -> {
			if (f.getClass().getClassLoader() == plugin.getPluginClassLoader()) {
				factories.add(id);
				if (!kinds.contains("embedding")) {
					kinds.add("embedding");
				}
			}
		});
		String state;
		String reason = null;
		if (extensionFailures.containsKey(pluginId)) {
			state = "failed";
			reason = extensionFailures.get(pluginId);
		} else if (plugin.getPluginState() == PluginState.STARTED) {
			state = "started";
		} else if (plugin.getPluginState() == PluginState.DISABLED) {
			state = "disabled";
			reason = manager.disabledReason(plugin);
		} else {
			state = "failed";
			reason = plugin.getFailedException() != null ? reasonOf(plugin.getFailedException())
					: "not started (" + plugin.getPluginState() + ")";
		}
		return new PluginStatus(pluginId, plugin.getDescriptor().getVersion(), kinds, state, reason,
				plugin.getDescriptor().getPluginDescription(), plugin.getDescriptor().getProvider(), factories,
				plugin.getPluginPath().getFileName().toString());
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
