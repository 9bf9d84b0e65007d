package dev.switchboard.core.marketplace;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The deployment's marketplace settings ({@code switchboard.marketplace.*} in application.properties). */
@ConfigMapping(prefix = "switchboard.marketplace")
public interface MarketplaceSettings {

	/** Plugin repositories, in order of preference: directories holding an index.json, or HTTPS URLs of one. */
	List<String> repositories();

	/** Trusted publisher public keys (base64 of the X.509 encoding, as {@code sdk-signer keygen} prints them). */
	Optional<List<String>> trustedKeys();

	/** Files that each hold one trusted public key (e.g. a publisher.pub); a missing file is skipped with a warning. */
	Optional<List<Path>> trustedKeyFiles();

	/** Whether a release without a signature may be installed. */
	@WithDefault("false")
	boolean allowUnsigned();

	/** Where installed jars and the record of installs live. */
	Path installDir();

	/**
	 * How often this node reconciles with the shared installed set besides when it hears of a change (a safety net
	 * for a notification missed while its database connection was down).
	 */
	@WithDefault("5m")
	Duration reconcileInterval();

	/** How long fetching an index or a jar over HTTPS may take. */
	@WithDefault("60s")
	Duration downloadTimeout();
}
