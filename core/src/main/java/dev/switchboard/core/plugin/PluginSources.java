package dev.switchboard.core.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Which jars the host loads at start besides the plugins directory: the marketplace's installs. A plugin installed
 * or uninstalled through the marketplace overrides the jar of the same id in the plugins directory, which then stays
 * unloaded.
 */
public interface PluginSources {

	/** Ids of plugins-directory jars to leave unloaded. */
	Set<String> overriddenIds();

	/** Jars to load after the plugins directory, each on its own. */
	List<Path> installedJars();
}
