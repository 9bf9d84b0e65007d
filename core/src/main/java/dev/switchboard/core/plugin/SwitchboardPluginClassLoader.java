package dev.switchboard.core.plugin;

import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * Child-first, except for the packages the host shares with plugins: the SDK (so a plugin's factory is the host's
 * {@code ModelBackendFactory} type) and SLF4J (so plugin logs reach the host's logging). PF4J already delegates
 * {@code java.*} and {@code org.pf4j.*}. Everything else a plugin bundles wins over the host's copy.
 */
final class SwitchboardPluginClassLoader extends PluginClassLoader {

	private static final List<String> PARENT_FIRST = List.of("dev.switchboard.sdk.", "org.slf4j.");

	SwitchboardPluginClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader sdkLoader) {
		super(manager, descriptor, sdkLoader, ClassLoadingStrategy.PDA);
	}

	@Override
	public Class<?> loadClass(String className) throws ClassNotFoundException {
		for (String prefix : PARENT_FIRST) {
			if (className.startsWith(prefix)) {
				return getParent().loadClass(className);
			}
		}
		return super.loadClass(className);
	}
}
