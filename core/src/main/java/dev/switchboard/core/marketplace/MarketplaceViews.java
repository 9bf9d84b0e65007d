package dev.switchboard.core.marketplace;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.switchboard.core.plugin.DeclaredPermissions;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the marketplace API returns. */
public final class MarketplaceViews {

	private MarketplaceViews() {
	}

	/**
	 * The merged catalog.
	 *
	 * @param sdkVersion    the SDK this host provides; releases are compatible when their range includes it
	 * @param allowUnsigned whether unsigned releases may be installed (switchboard.marketplace.allow-unsigned)
	 * @param trustedKeyIds the publisher keys this deployment trusts
	 */
	@Schema(name = "Marketplace")
	public record Catalog(String sdkVersion, boolean allowUnsigned, List<String> trustedKeyIds,
			List<Repository> repositories, List<Plugin> plugins) {
	}

	/** A configured repository, with the number of plugins its index lists, or why it could not be read. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "MarketplaceRepository")
	public record Repository(String repository, int plugins, String error) {
	}

	/**
	 * One plugin: from the catalog, installed, or both.
	 *
	 * @param installed     what serves now; absent when not installed
	 * @param newerVersions compatible releases newer than the installed one, newest first
	 * @param usedBy        the tenants' backends and connectors created from its factories
	 * @param syncError     why this node does not serve what the shared installed set names (another node installed
	 *                      or uninstalled it); absent when it does. Retried at every reconcile.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "MarketplacePlugin")
	public record Plugin(String id, String name, String description,
			@Schema(enumeration = { "model", "action", "embedding" }) String kind, String provider, String homepage,
			String icon, Installed installed, String latestVersion, List<String> newerVersions, List<Release> releases,
			List<Usage> usedBy, String syncError) {
	}

	/**
	 * The serving version.
	 *
	 * @param source      {@code plugins-dir} (shipped with the deployment) or {@code marketplace} (installed at run time)
	 * @param permissions what the serving version's manifest declares, which every instance is held to
	 */
	@Schema(name = "MarketplaceInstalled")
	public record Installed(String version, @Schema(enumeration = { "plugins-dir", "marketplace" }) String source,
			List<String> factories, DeclaredPermissions permissions) {
	}

	/**
	 * A release in the catalog.
	 *
	 * @param compatible  whether its SDK range includes this host's SDK
	 * @param signature   {@code trusted}, {@code unknown-key} or {@code unsigned}
	 * @param permissions what it declares it needs: fixed hosts, settings that name further hosts, whether it
	 *                    receives the end user's identity, whether it takes secrets
	 * @param repository  the repository it is installed from (the first that lists this version)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "MarketplaceRelease")
	public record Release(String version, String date, String requires, boolean compatible,
			@Schema(enumeration = { "trusted", "unknown-key", "unsigned" }) String signature, String keyId,
			DeclaredPermissions permissions, String repository) {
	}

	/** A tenant's backend or connector made from the plugin's factory. */
	@Schema(name = "MarketplaceUsage")
	public record Usage(String tenant, @Schema(enumeration = { "backend", "connector" }) String kind, String name,
			String factoryId) {
	}

	/** Which release to install; the newest compatible one when absent. */
	@Schema(name = "MarketplaceInstall")
	public record InstallRequest(@Schema(example = "1.1.0") String version) {
	}
}
