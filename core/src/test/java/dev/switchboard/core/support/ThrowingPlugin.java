package dev.switchboard.core.support;

import org.pf4j.Plugin;

/** A plugin whose start fails, packed into a test jar by {@link PluginsDirResource}. */
public class ThrowingPlugin extends Plugin {

	@Override
	public void start() {
		throw new IllegalStateException("cannot reach its license server");
	}
}
