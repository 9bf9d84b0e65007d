package dev.switchboard.core.plugin;

import dev.switchboard.sdk.action.ActionConnectorFactory;
import dev.switchboard.sdk.embedding.TextEmbedderFactory;
import dev.switchboard.sdk.model.ModelBackendFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One started plugin jar and the factories it contributes. While it serves, the host hands out its factories; once
 * replaced or removed it is retired, and PF4J stops and unloads it (closing its class loader) only when the last
 * instance created from it was closed, so no call ever runs on a closed class loader.
 */
public final class LoadedPlugin {

	private final SwitchboardPluginManager manager;
	private final String id;
	private final String version;
	private final Path jar;
	private final DeclaredPermissions permissions;
	final Map<String, ModelBackendFactory> models;
	final Map<String, ActionConnectorFactory> actions;
	final Map<String, TextEmbedderFactory> embedders;
	private int openInstances;
	private boolean retired;
	private boolean unloaded;
	private Runnable afterUnload = () -> {
	};
	private final CompletableFuture<Void> unloadedSignal = new CompletableFuture<>();

	LoadedPlugin(SwitchboardPluginManager manager, String id, String version, Path jar, DeclaredPermissions permissions,
			Map<String, ModelBackendFactory> models, Map<String, ActionConnectorFactory> actions,
			Map<String, TextEmbedderFactory> embedders) {
		this.manager = manager;
		this.id = id;
		this.version = version;
		this.jar = jar;
		this.permissions = permissions;
		this.models = models;
		this.actions = actions;
		this.embedders = embedders;
	}

	SwitchboardPluginManager manager() {
		return manager;
	}

	public String id() {
		return id;
	}

	public String version() {
		return version;
	}

	/** The jar it was loaded from. */
	public Path jar() {
		return jar;
	}

	/** What its manifest declares it needs; every instance is held to it. */
	public DeclaredPermissions permissions() {
		return permissions;
	}

	/** The ids of its factories, of every kind. */
	public List<String> factoryIds() {
		List<String> ids = new ArrayList<>(models.keySet());
		ids.addAll(actions.keySet());
		ids.addAll(embedders.keySet());
		return ids;
	}

	/** The ids of its model backend factories. */
	public List<String> modelFactoryIds() {
		return List.copyOf(models.keySet());
	}

	/** The ids of its action connector factories. */
	public List<String> actionFactoryIds() {
		return List.copyOf(actions.keySet());
	}

	/** {@code model}, {@code action} and/or {@code embedding}. */
	public List<String> kinds() {
		List<String> kinds = new ArrayList<>();
		if (!models.isEmpty()) {
			kinds.add("model");
		}
		if (!actions.isEmpty()) {
			kinds.add("action");
		}
		if (!embedders.isEmpty()) {
			kinds.add("embedding");
		}
		return kinds;
	}

	/** Whether PF4J has unloaded it: retired and no instance left. */
	public synchronized boolean unloaded() {
		return unloaded;
	}

	/** Completes once PF4J has unloaded it. */
	public CompletionStage<Void> whenUnloaded() {
		return unloadedSignal.minimalCompletionStage();
	}

	/** Instances created from it and not closed yet. */
	public synchronized int openInstances() {
		return openInstances;
	}

	synchronized void instanceOpened() {
		openInstances++;
	}

	void instanceClosed() {
		boolean unloadNow;
		synchronized (this) {
			unloadNow = --openInstances == 0 && retired;
		}
		if (unloadNow) {
			unload();
		}
	}

	/** Stops serving: unloads now, or when its last instance closes; then runs {@code then}. */
	void retire(Runnable then) {
		boolean unloadNow;
		synchronized (this) {
			retired = true;
			afterUnload = then;
			unloadNow = openInstances == 0;
		}
		if (unloadNow) {
			unload();
		}
	}

	private void unload() {
		Runnable then;
		synchronized (this) {
			if (unloaded) {
				return;
			}
			unloaded = true;
			then = afterUnload;
		}
		try {
			manager.unloadPlugin(id);
			PluginHost.LOG.infof("Plugin %s %s unloaded", id, version);
		} catch (RuntimeException e) {
			PluginHost.LOG.warnf("Unloading plugin %s %s failed: %s", id, version, PluginHost.reasonOf(e));
		}
		try {
			then.run();
		} finally {
			unloadedSignal.complete(null);
		}
	}
}
