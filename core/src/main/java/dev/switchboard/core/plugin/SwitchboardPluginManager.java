package dev.switchboard.core.plugin;

import dev.switchboard.sdk.SdkVersion;
import dev.switchboard.sdk.model.ModelBackendFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginRepository;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;
import org.jboss.logging.Logger;

/**
 * PF4J configured for Switchboard: plugin jars only, MANIFEST descriptors validated strictly, the SDK version as the
 * system version, and a class loader whose parent is the SDK's own loader (PF4J's default, its own class's loader,
 * cannot see the SDK in dev and test mode). Jars that fail to load are remembered with the reason instead of only
 * being logged.
 */
final class SwitchboardPluginManager extends DefaultPluginManager {

	private static final Logger LOG = Logger.getLogger(SwitchboardPluginManager.class);
	private static final String ID = "[a-z0-9]+(-[a-z0-9]+)*";
	private static final String SEMVER = "\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?";
	private final Map<Path, String> loadFailures = new LinkedHashMap<>();

	SwitchboardPluginManager(Path pluginsDir) {
		super(pluginsDir);
		setSystemVersion(SdkVersion.CURRENT);
	}

	@Override
	protected PluginRepository createPluginRepository() {
		return new JarPluginRepository(getPluginsRoots());
	}

	@Override
	protected PluginDescriptorFinder createPluginDescriptorFinder() {
		return new ManifestPluginDescriptorFinder();
	}

	@Override
	protected PluginLoader createPluginLoader() {
		ClassLoader sdkLoader = ModelBackendFactory.class.getClassLoader();
		return new JarPluginLoader(this) {
			@Override
			public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
				SwitchboardPluginClassLoader loader = new SwitchboardPluginClassLoader(pluginManager, descriptor, sdkLoader);
				loader.addFile(pluginPath.toFile());
				return loader;
			}
		};
	}

	/** Loads every jar on its own, so one broken jar cannot stop the others; each failure is kept with its reason. */
	@Override
	public void loadPlugins() {
		loadPlugins(Set.of());
	}

	/** As {@link #loadPlugins()}, leaving out the jars of the given plugin ids. */
	void loadPlugins(Set<String> skippedIds) {
		for (Path root : getPluginsRoots()) {
			if (!Files.isDirectory(root)) {
				LOG.warnf("Plugins directory %s does not exist; no plugins loaded from it", root);
			}
		}
		for (Path path : pluginRepository.getPluginPaths()) {
			try {
				String id = idOf(path);
				if (id != null && skippedIds.contains(id)) {
					LOG.infof("Plugin jar %s left unloaded: the marketplace installed or removed its plugin", path.getFileName());
					continue;
				}
				loadPluginFromPath(path);
			} catch (RuntimeException | LinkageError e) {
				LOG.warnf("Plugin %s was not loaded: %s", path.getFileName(), e.getMessage());
				loadFailures.put(path, PluginHost.reasonOf(e));
			}
		}
		resolvePlugins();
	}

	@Override
	protected void validatePluginDescriptor(PluginDescriptor descriptor) {
		super.validatePluginDescriptor(descriptor);
		if (!descriptor.getPluginId().matches(ID)) {
			throw new PluginRuntimeException("Plugin-Id '" + descriptor.getPluginId() + "' is not kebab-case");
		}
		if (!descriptor.getVersion().matches(SEMVER)) {
			throw new PluginRuntimeException("Plugin-Version '" + descriptor.getVersion() + "' is not a semantic version");
		}
		if (descriptor.getRequires() == null || descriptor.getRequires().isBlank() || "*".equals(descriptor.getRequires())) {
			throw new PluginRuntimeException("Plugin-Requires must name the SDK versions the plugin works with");
		}
	}

	/** The Plugin-Id of a jar, or null when its manifest cannot be read (loading it then reports why). */
	private String idOf(Path jar) {
		try {
			return getPluginDescriptorFinder().find(jar).getPluginId();
		} catch (RuntimeException e) {
			return null;
		}
	}

	/** Jars that could not be loaded, with the reason. */
	Map<Path, String> loadFailures() {
		return loadFailures;
	}

	/** Why PF4J disabled a plugin it loaded: the one check it makes is the SDK version range. */
	String disabledReason(PluginWrapper plugin) {
		return "requires SDK " + plugin.getDescriptor().getRequires() + ", but this Switchboard provides SDK "
				+ getSystemVersion();
	}
}
