package dev.switchboard.core.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.sdk.testkit.PluginJarBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The install checks on their own, with the settings a deployment can choose (no app needed). */
class MarketplaceReleaseVerifierTest {

	@TempDir
	Path dir;

	@Test
	void should_install_an_unsigned_release_only_when_the_deployment_allows_it() {
		Path jar = PluginJarBuilder.plugin("model-unsigned", "1.0.0").build(dir);
		CatalogIndex.Release unsigned = release(jar, "1.0.0");

		ReleaseVerifier strict = new ReleaseVerifier(new TrustedKeys(settings(false)), false);
		assertThatThrownBy(() -> strict.checkBeforeDownload("model-unsigned", unsigned))
				.isInstanceOfSatisfying(ProblemException.class,
						e -> assertThat(e.problem().code()).isEqualTo("unsigned_plugin"));

		ReleaseVerifier lenient = new ReleaseVerifier(new TrustedKeys(settings(true)), true);
		lenient.checkBeforeDownload("model-unsigned", unsigned);
		lenient.checkDownload("model-unsigned", unsigned, jar);
		assertThat(lenient.signatureState(unsigned)).isEqualTo("unsigned");
	}

	@Test
	void should_refuse_a_jar_whose_manifest_names_another_plugin_even_unsigned() {
		Path jar = PluginJarBuilder.plugin("model-other", "1.0.0").build(dir);
		ReleaseVerifier lenient = new ReleaseVerifier(new TrustedKeys(settings(true)), true);

		assertThatThrownBy(() -> lenient.checkDownload("model-unsigned", release(jar, "1.0.0"), jar))
				.isInstanceOfSatisfying(ProblemException.class,
						e -> assertThat(e.problem().code()).isEqualTo("manifest_mismatch"));
	}

	@Test
	void should_refuse_a_release_without_a_checksum() {
		CatalogIndex.Release noDigest = new CatalogIndex.Release("1.0.0", null, ">=0.1.0 & <0.2.0", "x.jar", null, null,
				null, null);
		ReleaseVerifier lenient = new ReleaseVerifier(new TrustedKeys(settings(true)), true);

		assertThatThrownBy(() -> lenient.checkBeforeDownload("model-x", noDigest))
				.isInstanceOfSatisfying(ProblemException.class,
						e -> assertThat(e.problem().code()).isEqualTo("checksum_missing"));
	}

	private static CatalogIndex.Release release(Path jar, String version) {
		return new CatalogIndex.Release(version, "2026-01-01T00:00:00Z", ">=0.1.0 & <0.2.0", jar.getFileName().toString(),
				ReleaseVerifier.sha512(jar), null, null, null);
	}

	private static MarketplaceSettings settings(boolean allowUnsigned) {
		return TestSettings.with(List.of(), allowUnsigned, Path.of("unused"));
	}
}
