package dev.switchboard.core.marketplace;

import dev.switchboard.core.action.Connectors;
import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.model.ModelBackends;
import dev.switchboard.core.plugin.LoadedPlugin;
import dev.switchboard.core.plugin.PluginActivationException;
import dev.switchboard.core.plugin.PluginHost;
import dev.switchboard.core.plugin.PluginStatus;
import dev.switchboard.core.problem.Problem;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.sdk.SdkVersion;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.pf4j.DefaultVersionManager;
import org.pf4j.PluginDependency;
import org.pf4j.VersionManager;

/**
 * The plugin marketplace: merges the repositories' catalogs with what is installed, and installs, upgrades, downgrades
 * and uninstalls plugins at run time. One change at a time. An upgrade verifies and loads the new version, lets it take
 * over the factory ids, drops the using tenants' cached instances (the next turn creates them from the new version)
 * and retires the old version, which PF4J unloads once its last instance is closed; calls in flight finish on it.
 * If anything fails before the take-over, the old version serves on.
 *
 * <p>A change made here is stored in the {@linkplain SharedInstalls shared installed set}; every other node
 * {@linkplain #reconcile() reconciles} with it, fetching and verifying the same release itself.
 */
@ApplicationScoped
public class Marketplace {

	private static final Logger LOG = Logger.getLogger(Marketplace.class);
	private static final VersionManager VERSIONS = new DefaultVersionManager();

	private final MarketplaceSettings settings;
	private final PluginRepositories repositories;
	private final InstalledPlugins installed;
	private final PluginHost host;
	private final ModelBackends backends;
	private final Connectors connectors;
	private final SharedInstalls shared;
	private final TrustedKeys keys;
	private final ReleaseVerifier verifier;
	/** Why this node could not follow the shared installed set, by plugin id. */
	private final Map<String, String> syncFailures = new ConcurrentHashMap<>();

	public Marketplace(MarketplaceSettings settings, PluginRepositories repositories, InstalledPlugins installed,
			PluginHost host, ModelBackends backends, Connectors connectors, SharedInstalls shared) {
		this.settings = settings;
		this.repositories = repositories;
		this.installed = installed;
		this.host = host;
		this.backends = backends;
		this.connectors = connectors;
		this.shared = shared;
		this.keys = new TrustedKeys(settings);
		this.verifier = new ReleaseVerifier(keys, settings.allowUnsigned());
	}

	/** A release with the repository it is installed from. */
	private record Offered(CatalogIndex.Release release, PluginRepositories.Loaded repository) {
	}

	/** A plugin as the repositories list it, merged: fields from the first listing it, releases newest first. */
	private record Listed(CatalogIndex.Plugin plugin, List<Offered> releases) {
	}

	/** The merged catalog beside what is installed, with compatibility, signatures and the tenants using each. */
	public MarketplaceViews.Catalog catalog() {
		List<PluginRepositories.Loaded> loaded = repositories.load();
		Map<String, Listed> listed = merge(loaded);
		List<Usage> usage = usage();
		Map<String, PluginStatus> statuses = host.statuses().stream().filter(s -> "started".equals(s.state()))
				.collect(Collectors.toMap(PluginStatus::id, Function.identity(), (a, b) -> a));
		Set<String> ids = new LinkedHashSet<>(listed.keySet());
		ids.addAll(statuses.keySet());
		ids.addAll(syncFailures.keySet());
		List<MarketplaceViews.Plugin> plugins = ids.stream().sorted()
				.map(id -> view(id, listed.get(id), statuses.get(id), usage)).toList();
		List<MarketplaceViews.Repository> repositoryViews = loaded.stream()
				.map(r -> new MarketplaceViews.Repository(r.repository(), r.index().plugins().size(), r.error())).toList();
		return new MarketplaceViews.Catalog(SdkVersion.CURRENT, settings.allowUnsigned(), keys.ids(), repositoryViews,
				plugins);
	}

	/** One plugin of {@link #catalog()}. */
	public MarketplaceViews.Plugin plugin(String id) {
		return catalog().plugins().stream().filter(p -> p.id().equals(id)).findFirst()
				.orElseThrow(() -> ProblemException.notFound("unknown_plugin", "Plugin", "No repository lists plugin '"
						+ id + "' and it is not installed."));
	}

	/**
	 * Installs a release, or moves an installed plugin to it (upgrade or downgrade), without a restart, on this node
	 * and then, through the shared installed set, on every other node.
	 *
	 * @param version the release; the newest compatible one when null
	 */
	public synchronized MarketplaceViews.Plugin install(String id, String version) {
		Listed listed = merge(repositories.load()).get(id);
		if (listed == null) {
			throw ProblemException.notFound("unknown_plugin", "Plugin", "No configured repository lists plugin '" + id + "'.");
		}
		Offered offered = pick(id, listed, version);
		Optional<LoadedPlugin> current = host.serving(id);
		if (current.isPresent() && current.get().version().equals(offered.release().version())) {
			throw new ProblemException(409, "already_installed", "Already installed", id + " "
					+ offered.release().version() + " is already installed.");
		}
		shared.installed(id, load(id, offered));
		return plugin(id);
	}

	/**
	 * Uninstalls a plugin without a restart, here and on every other node; refused while tenants have backends or
	 * connectors made from its factories, unless forced (those then stop working until the plugin is installed again).
	 */
	public synchronized void uninstall(String id, boolean force) {
		LoadedPlugin plugin = host.serving(id).orElseThrow(() -> ProblemException.notFound("not_installed", "Plugin",
				"Plugin '" + id + "' is not installed."));
		List<Usage> users = usage().stream().filter(u -> u.uses(plugin)).toList();
		if (!users.isEmpty() && !force) {
			Map<String, String> errors = new LinkedHashMap<>();
			users.forEach(u -> errors.merge(u.tenant(), u.kind() + " " + u.name(), (a, b) -> a + ", " + b));
			throw new ProblemException(Problem.of(409, "plugin_in_use", "Plugin in use", id + " is used by tenants "
					+ errors.keySet() + ". Remove their backends and connectors first, or uninstall with force=true.")
					.withErrors(errors));
		}
		unload(plugin);
		shared.uninstalled(id);
		LOG.infof("Marketplace: %s %s uninstalled%s", id, plugin.version(), users.isEmpty() ? "" : " (forced)");
	}

	/**
	 * Brings this node to the shared installed set: loads the release another node installed (downloading and
	 * verifying it here), or unloads what another node uninstalled. Plugins the set does not name are left as they
	 * are. A plugin that cannot be brought in line keeps serving what it served, and the catalog shows why.
	 */
	public synchronized void reconcile() {
		shared.all().forEach(this::reconcile);
	}

	/** {@link #reconcile()} for one plugin, when a node announced a change to it. */
	public synchronized void reconcile(String id) {
		shared.find(id).ifPresent(this::reconcile);
	}

	private void reconcile(InstalledPluginEntity wanted) {
		String id = wanted.pluginId;
		Optional<LoadedPlugin> serving = host.serving(id);
		try {
			if (wanted.uninstalled()) {
				if (serving.isPresent()) {
					unload(serving.get());
					LOG.infof("Marketplace: %s %s uninstalled, following the installed set", id, serving.get().version());
				} else if (installed.install(id).isPresent() || !installed.overriddenIds().contains(id)) {
					installed.recordUninstall(id);
				}
			} else if (serving.map(p -> !p.version().equals(wanted.version)).orElse(true)) {
				load(id, offeredAsWanted(wanted));
			}
			syncFailures.remove(id);
		} catch (RuntimeException e) {
			String reason = e instanceof ProblemException p ? p.problem().detail() : e.getMessage();
			if (!reason.equals(syncFailures.put(id, reason))) {
				LOG.warnf("Marketplace: this node could not follow the installed set for %s: %s", id, reason);
			}
		}
	}

	/** The release the shared set names, from the repository it names, with the digest it names. */
	private Offered offeredAsWanted(InstalledPluginEntity wanted) {
		Listed listed = merge(repositories.load()).get(wanted.pluginId);
		Offered offered = listed == null ? null : listed.releases().stream()
				.filter(o -> o.release().version().equals(wanted.version))
				.sorted(Comparator.comparing((Offered o) -> !o.repository().repository().equals(wanted.repository)))
				.findFirst().orElse(null);
		if (offered == null) {
			throw new ProblemException(409, "release_not_listed", "Release not listed", "No repository of this node "
					+ "lists " + wanted.pluginId + " " + wanted.version + ".");
		}
		if (!offered.release().sha512().equalsIgnoreCase(wanted.sha512)) {
			throw new ProblemException(422, "checksum_mismatch", "Checksum mismatch", offered.repository().repository()
					+ " now lists another jar as " + wanted.pluginId + " " + wanted.version + " than the one installed.");
		}
		return offered;
	}

	/**
	 * Verifies, loads and switches every tenant to a release on this node, and records it locally; returns the record.
	 * On any failure whatever served before serves on.
	 */
	private InstalledPlugins.Install load(String id, Offered offered) {
		CatalogIndex.Release release = offered.release();
		Optional<LoadedPlugin> current = host.serving(id);
		verifier.checkBeforeDownload(id, release);
		Path directory = installed.directory();
		Path download = directory.resolve(".download-" + UUID.randomUUID() + ".jar");
		try {
			Files.createDirectories(directory);
			repositories.download(offered.repository(), release, download);
			verifier.checkDownload(id, release, download);
			refuseDependencies(id, release, download);
			Path jar = directory.resolve(id + "-" + release.version() + ".jar");
			Files.move(download, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			PluginHost.Activation activation;
			try {
				activation = host.activate(jar);
			} catch (PluginActivationException e) {
				Files.deleteIfExists(jar);
				throw new ProblemException(422, "plugin_not_started", "Plugin did not start", id + " "
						+ release.version() + " could not be started: " + e.getMessage()
						+ (current.isPresent() ? " Version " + current.get().version() + " serves on." : ""));
			}
			InstalledPlugins.Install install = new InstalledPlugins.Install(release.version(),
					jar.getFileName().toString(), release.sha512(), release.keyId(), offered.repository().repository(),
					Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
			installed.recordInstall(id, install);
			dropCachedInstances(activation.activated(), activation.replaced());
			activation.replaced().ifPresent(old -> host.retire(old, () -> deleteUnlessInstalled(old)));
			LOG.infof("Marketplace: %s %s installed from %s%s", id, release.version(), offered.repository().repository(),
					current.map(c -> ", replacing " + c.version()).orElse(""));
			return install;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} finally {
			deleteQuietly(download);
		}
	}

	/**
	 * A release that depends on other plugins is refused: with a dependency missing (or of a version outside the range
	 * it names), and also with all present, since a plugin installed at run time is loaded on its own and cannot use
	 * another plugin's classes. Such plugins belong in the plugins directory beside their dependencies.
	 */
	private void refuseDependencies(String id, CatalogIndex.Release release, Path jar) throws IOException {
		List<PluginDependency> needs;
		try (JarFile file = new JarFile(jar.toFile())) {
			String declared = file.getManifest().getMainAttributes().getValue("Plugin-Dependencies");
			needs = declared == null ? List.of() : Arrays.stream(declared.split(",")).map(String::strip)
					.filter(d -> !d.isEmpty()).map(PluginDependency::new).filter(d -> !d.isOptional()).toList();
		}
		if (needs.isEmpty()) {
			return;
		}
		List<String> missing = needs.stream().filter(d -> host.serving(d.getPluginId())
				.filter(p -> VERSIONS.checkVersionConstraint(p.version(), d.getPluginVersionSupport())).isEmpty())
				.map(d -> d.getPluginId() + " " + d.getPluginVersionSupport()).toList();
		if (!missing.isEmpty()) {
			throw new ProblemException(409, "missing_dependency", "Missing dependency", id + " " + release.version()
					+ " needs the plugins " + missing + ", which are not installed in a version it accepts.");
		}
		throw new ProblemException(422, "dependencies_unsupported", "Dependencies not supported at run time", id + " "
				+ release.version() + " depends on the plugins " + needs.stream().map(PluginDependency::getPluginId)
						.toList() + ". A plugin installed at run time is loaded on its own and cannot use another "
				+ "plugin's classes: put it in the plugins directory beside them and restart.");
	}

	/** Stops serving the plugin on this node; calls in flight finish, then PF4J unloads it. */
	private void unload(LoadedPlugin plugin) {
		List<String> dependents = host.dependents(plugin.id());
		if (!dependents.isEmpty()) {
			throw new ProblemException(409, "plugin_required", "Plugin required", "The plugins " + dependents
					+ " depend on " + plugin.id() + "; uninstall them first.");
		}
		host.deactivate(plugin.id());
		installed.recordUninstall(plugin.id());
		dropCachedInstances(plugin, Optional.empty());
		host.retire(plugin, () -> deleteUnlessInstalled(plugin));
	}

	private Offered pick(String id, Listed listed, String version) {
		if (version == null || version.isBlank()) {
			return listed.releases().stream().filter(o -> ReleaseVerifier.compatible(o.release())).findFirst()
					.orElseThrow(() -> new ProblemException(409, "incompatible_sdk", "Incompatible SDK", "No release of "
							+ id + " works with SDK " + SdkVersion.CURRENT + "."));
		}
		return listed.releases().stream().filter(o -> version.equals(o.release().version())).findFirst()
				.orElseThrow(() -> ProblemException.notFound("unknown_release", "Release", "No repository lists " + id
						+ " " + version + "."));
	}

	/**
	 * The tenants that used the old version or will use the new one recreate their instances on the next turn, and so
	 * does the default tenant's environment backend; the router follows the embedder by itself.
	 */
	private void dropCachedInstances(LoadedPlugin plugin, Optional<LoadedPlugin> replaced) {
		Set<String> tenants = new LinkedHashSet<>();
		for (Usage usage : usage()) {
			if (usage.uses(plugin) || replaced.map(usage::uses).orElse(false)) {
				tenants.add(usage.tenant());
			}
		}
		tenants.forEach(tenant -> {
			backends.invalidate(tenant);
			connectors.invalidate(tenant);
		});
		backends.factoriesReplaced(plugin.modelFactoryIds());
		replaced.ifPresent(old -> backends.factoriesReplaced(old.modelFactoryIds()));
	}

	/** Deletes a retired version's jar if the marketplace installed it and no install refers to it any more. */
	private void deleteUnlessInstalled(LoadedPlugin retired) {
		Path jar = retired.jar().toAbsolutePath().normalize();
		boolean stillInstalled = installed.install(retired.id())
				.map(i -> installed.directory().resolve(i.file()).equals(jar)).orElse(false);
		if (jar.getParent().equals(installed.directory()) && !stillInstalled) {
			deleteQuietly(jar);
		}
	}

	private Map<String, Listed> merge(List<PluginRepositories.Loaded> loaded) {
		Map<String, CatalogIndex.Plugin> plugins = new LinkedHashMap<>();
		Map<String, Map<String, Offered>> releases = new LinkedHashMap<>();
		for (PluginRepositories.Loaded repository : loaded) {
			for (CatalogIndex.Plugin plugin : repository.index().plugins()) {
				if (plugin.id() == null) {
					continue;
				}
				plugins.putIfAbsent(plugin.id(), plugin);
				for (CatalogIndex.Release release : plugin.releases()) {
					if (release.version() != null && release.url() != null) {
						releases.computeIfAbsent(plugin.id(), k -> new LinkedHashMap<>()).putIfAbsent(release.version(),
								new Offered(release, repository));
					}
				}
			}
		}
		Map<String, Listed> merged = new LinkedHashMap<>();
		plugins.forEach((id, plugin) -> merged.put(id, new Listed(plugin, releases.getOrDefault(id, Map.of()).values()
				.stream().sorted(Comparator.comparing((Offered o) -> o.release().version(), Marketplace::compareVersions)
						.reversed()).toList())));
		return merged;
	}

	private MarketplaceViews.Plugin view(String id, Listed listed, PluginStatus status, List<Usage> usage) {
		Optional<LoadedPlugin> serving = host.serving(id);
		MarketplaceViews.Installed installedView = serving.map(p -> new MarketplaceViews.Installed(p.version(),
				p.jar().toAbsolutePath().normalize().getParent().equals(installed.directory()) ? "marketplace" : "plugins-dir",
				p.factoryIds(), p.permissions())).orElse(null);
		List<MarketplaceViews.Usage> usedBy = serving.map(p -> usage.stream().filter(u -> u.uses(p))
				.map(Usage::view).toList()).orElse(List.of());
		List<MarketplaceViews.Release> releases = listed == null ? List.of() : listed.releases().stream()
				.map(o -> new MarketplaceViews.Release(o.release().version(), o.release().date(), o.release().requires(),
						ReleaseVerifier.compatible(o.release()), verifier.signatureState(o.release()), o.release().keyId(),
						o.release().permissions(), o.repository().repository()))
				.toList();
		List<String> compatible = releases.stream().filter(MarketplaceViews.Release::compatible)
				.map(MarketplaceViews.Release::version).toList();
		List<String> newer = serving.map(p -> compatible.stream().filter(v -> compareVersions(v, p.version()) > 0)
				.toList()).orElse(List.of());
		String latest = compatible.isEmpty() ? null : compatible.get(0);
		if (listed == null) {
			return new MarketplaceViews.Plugin(id, id, status == null ? null : status.description(),
					status == null ? null : String.join(",", status.kinds()), status == null ? null : status.provider(),
					null, null, installedView, latest, newer, releases, usedBy, syncFailures.get(id));
		}
		CatalogIndex.Plugin plugin = listed.plugin();
		return new MarketplaceViews.Plugin(id, plugin.name(), plugin.description(), plugin.kind(), plugin.provider(),
				plugin.homepage(), plugin.icon(), installedView, latest, newer, releases, usedBy, syncFailures.get(id));
	}

	private static int compareVersions(String a, String b) {
		try {
			return VERSIONS.compareVersions(a, b);
		} catch (RuntimeException e) {
			return a.compareTo(b);
		}
	}

	/** A tenant's backend or connector row, by the factory id it names. */
	private record Usage(String tenant, String kind, String name, String factoryId) {

		boolean uses(LoadedPlugin plugin) {
			return "backend".equals(kind) ? plugin.modelFactoryIds().contains(factoryId)
					: plugin.actionFactoryIds().contains(factoryId);
		}

		MarketplaceViews.Usage view() {
			return new MarketplaceViews.Usage(tenant, kind, name, factoryId);
		}
	}

	/** Every tenant's backends and connectors, by factory id (small tables; read whole, across tenants). */
	private List<Usage> usage() {
		List<Usage> usage = new ArrayList<>();
		rows("SELECT tenant_id || ' ' || name || ' ' || factory_id FROM model_backend")
				.forEach(row -> usage.add(usage("backend", row)));
		rows("SELECT tenant_id || ' ' || name || ' ' || factory_id FROM connector")
				.forEach(row -> usage.add(usage("connector", row)));
		return usage;
	}

	private static Usage usage(String kind, String row) {
		String[] parts = row.split(" ", 3);
		return new Usage(parts[0], kind, parts[1], parts[2]);
	}

	private static List<String> rows(String sql) {
		return ReactiveCalls.await(() -> Panache.withSession(() -> Panache.getSession()
				.flatMap(session -> session.createNativeQuery(sql, String.class).getResultList())));
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		} catch (IOException e) {
			LOG.warnf("Could not delete %s: %s", file, e.getMessage());
		}
	}
}
