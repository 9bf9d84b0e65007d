package dev.switchboard.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sdk.SdkVersion;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

class PluginJarBuilderTest {

	@TempDir
	Path plugins;

	@Test
	void should_write_the_manifest_and_the_extensions_index() throws Exception {
		Path jar = PluginJarBuilder.plugin("demo", "1.2.3").extension(RecordingStreamListener.class).build(plugins);

		try (JarFile file = new JarFile(jar.toFile())) {
			assertThat(file.getManifest().getMainAttributes().getValue("Plugin-Id")).isEqualTo("demo");
			assertThat(file.getManifest().getMainAttributes().getValue("Plugin-Requires")).startsWith(">=");
			assertThat(new String(file.getInputStream(file.getEntry("META-INF/extensions.idx")).readAllBytes()))
					.isEqualTo(RecordingStreamListener.class.getName() + "\n");
			assertThat(file.getEntry("dev/switchboard/sdk/testkit/RecordingStreamListener.class")).isNotNull();
		}
	}

	@Test
	void should_build_jars_pf4j_starts_or_refuses() {
		PluginJarBuilder.plugin("good", "1.0.0").build(plugins);
		PluginJarBuilder.plugin("too-new", "1.0.0").requires(">=99.0.0").build(plugins);
		PluginJarBuilder.plugin("no-id", "1.0.0").manifestAttribute("Plugin-Id", null).build(plugins);
		PluginManager manager = new JarPluginManager(plugins);
		manager.setSystemVersion(SdkVersion.CURRENT);

		manager.loadPlugins();
		manager.startPlugins();

		assertThat(manager.getPlugin("good").getPluginState()).isEqualTo(PluginState.STARTED);
		assertThat(manager.getPlugin("too-new").getPluginState()).isNotEqualTo(PluginState.STARTED);
		assertThat(manager.getPlugins()).hasSize(2);
		manager.stopPlugins();
	}
}
