package dev.switchboard.core.plugin;

import java.util.function.Supplier;

/**
 * Keeps one plugin instance (a model backend or a connector) usable while calls run on it: {@code close} waits for
 * the calls in flight and only then closes the instance and releases its plugin, so a call that started on a plugin
 * version finishes on it even when the plugin is upgraded or the tenant's configuration changes meanwhile.
 */
final class InstanceLease {

	private final LoadedPlugin plugin;
	private final AutoCloseable instance;
	private int inFlight;
	private boolean closing;
	private boolean released;

	InstanceLease(LoadedPlugin plugin, AutoCloseable instance) {
		this.plugin = plugin;
		this.instance = instance;
		plugin.instanceOpened();
	}

	/**
	 * Runs a call on the instance. A caller that still holds an instance after closing it (a view built from a list
	 * of instances that was dropped meanwhile) may call it, as before leases existed; the lease is released once only.
	 */
	<T> T call(Supplier<T> call) {
		synchronized (this) {
			inFlight++;
		}
		try {
			return call.get();
		} finally {
			boolean last;
			synchronized (this) {
				last = --inFlight == 0 && closing && !released;
				released |= last;
			}
			if (last) {
				release();
			}
		}
	}

	void run(Runnable call) {
		call(() -> {
			call.run();
			return null;
		});
	}

	/** Closes the instance now, or when the last call in flight returns. */
	void close() {
		synchronized (this) {
			if (closing) {
				return;
			}
			closing = true;
			if (inFlight > 0) {
				return;
			}
			released = true;
		}
		release();
	}

	private void release() {
		try {
			instance.close();
		} catch (Exception e) {
			PluginHost.LOG.warnf("Closing an instance of plugin %s failed: %s", plugin.id(), PluginHost.reasonOf(e));
		} finally {
			plugin.instanceClosed();
		}
	}
}
