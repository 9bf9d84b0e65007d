package dev.switchboard.core.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of installs is what the host reads at its next start. */
class MarketplaceInstalledPluginsTest {

	@TempDir
	Path dir;

	@Test
	void should_give_the_next_start_the_installed_jars_and_the_plugins_directory_ids_to_leave_out() {
		MarketplaceSettings settings = TestSettings.with(List.of(), false, dir);
		InstalledPlugins before = new InstalledPlugins(settings);
		before.recordInstall("model-a", new InstalledPlugins.Install("1.1.0", "model-a-1.1.0.jar", "ab", "k", "repo", "t"));
		before.recordInstall("action-b", new InstalledPlugins.Install("2.0.0", "action-b-2.0.0.jar", "cd", "k", "repo", "t"));
		before.recordUninstall("action-b");
		before.recordUninstall("action-shipped");

		InstalledPlugins afterRestart = new InstalledPlugins(settings);

		assertThat(afterRestart.installedJars()).containsExactly(dir.resolve("model-a-1.1.0.jar"));
		assertThat(afterRestart.overriddenIds()).containsExactlyInAnyOrder("model-a", "action-b", "action-shipped");
		assertThat(afterRestart.install("model-a")).hasValueSatisfying(i -> assertThat(i.version()).isEqualTo("1.1.0"));
		assertThat(afterRestart.install("action-b")).isEmpty();
	}
}
