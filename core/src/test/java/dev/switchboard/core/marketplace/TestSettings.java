package dev.switchboard.core.marketplace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Marketplace settings for tests that run a part of the marketplace without the app. */
final class TestSettings {

	private TestSettings() {
	}

	static MarketplaceSettings with(List<String> repositories, boolean allowUnsigned, Path installDir) {
		return new MarketplaceSettings() {
			@Override
			public List<String> repositories() {
				return repositories;
			}

			@Override
			public Optional<List<String>> trustedKeys() {
				return Optional.empty();
			}

			@Override
			public Optional<List<Path>> trustedKeyFiles() {
				return Optional.empty();
			}

			@Override
			public boolean allowUnsigned() {
				return allowUnsigned;
			}

			@Override
			public Path installDir() {
				return installDir;
			}

			@Override
			public Duration reconcileInterval() {
				return Duration.ofMinutes(5);
			}

			@Override
			public Duration downloadTimeout() {
				return Duration.ofSeconds(10);
			}
		};
	}
}
