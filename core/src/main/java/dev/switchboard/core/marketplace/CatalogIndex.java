package dev.switchboard.core.marketplace;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.switchboard.core.plugin.DeclaredPermissions;
import java.util.List;

/**
 * A repository's {@code index.json}, as {@code sdk-signer publish} writes it. Unknown fields are ignored, so an index
 * may carry more than this host reads.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogIndex(List<Plugin> plugins) {

	public CatalogIndex {
		plugins = plugins == null ? List.of() : List.copyOf(plugins);
	}

	/** A plugin and its releases. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Plugin(String id, String name, String description, String kind, String provider, String homepage, String icon,
			List<Release> releases) {

		public Plugin {
			releases = releases == null ? List.of() : List.copyOf(releases);
		}
	}

	/**
	 * One downloadable version.
	 *
	 * @param date      ISO-8601 publication instant
	 * @param requires  the SDK version range it works with, e.g. {@code >=0.1.0 & <0.2.0}
	 * @param url       the jar, relative to the index (or absolute)
	 * @param sha512    the jar's SHA-512 in hex
	 * @param signature Ed25519 signature of the SHA-512 digest, base64; absent for an unsigned release
	 * @param keyId     which publisher key signed it
	 * @param permissions what it declares it needs; install checks that the jar's manifest declares the same
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Release(String version, String date, String requires, String url, String sha512, String signature,
			String keyId, DeclaredPermissions permissions) {

		public Release {
			// An index written before releases declared permissions declares nothing.
			permissions = permissions == null ? DeclaredPermissions.NONE : permissions;
		}
	}
}
