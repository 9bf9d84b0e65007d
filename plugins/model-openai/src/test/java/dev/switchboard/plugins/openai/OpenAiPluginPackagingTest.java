package dev.switchboard.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sdk.SdkVersion;
import dev.switchboard.sdk.model.ModelBackendFactory;
import dev.switchboard.sdk.testkit.PluginJarBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/**
 * The plugin's classes, packaged as a plugin jar, load in PF4J and contribute the factory. Extensions are looked up by
 * plugin id: target/classes is also on the test class path, where PF4J finds the same factory as a system extension.
 */
class OpenAiPluginPackagingTest {

	@TempDir
	Path plugins;

	@Test
	void should_contribute_the_openai_factory_from_a_plugin_jar() {
		PluginJarBuilder.plugin("model-openai", "0.1.0").addTree(Path.of("target/classes")).build(plugins);
		PluginManager manager = manager();

		List<ModelBackendFactory> factories = manager.getExtensions(ModelBackendFactory.class, "model-openai");

		assertThat(manager.getPlugin("model-openai").getPluginState()).isEqualTo(PluginState.STARTED);
		assertThat(factories).singleElement().satisfies(factory -> {
			assertThat(factory.id()).isEqualTo("openai");
			assertThat(factory.configSchema().property("model").orElseThrow().required()).isTrue();
			assertThat(factory.configSchema().secretNames()).containsExactly("apiKey");
		});
		manager.stopPlugins();
	}

	@Test
	void should_not_start_a_jar_that_requires_another_sdk() {
		PluginJarBuilder.plugin("model-openai", "0.1.0").requires(">=99.0.0").addTree(Path.of("target/classes"))
				.build(plugins);
		PluginManager manager = manager();

		assertThat(manager.getPlugin("model-openai").getPluginState()).isNotEqualTo(PluginState.STARTED);
		assertThat(manager.getExtensions(ModelBackendFactory.class, "model-openai")).isEmpty();
	}

	private PluginManager manager() {
		PluginManager manager = new JarPluginManager(plugins);
		manager.setSystemVersion(SdkVersion.CURRENT);
		manager.loadPlugins();
		manager.startPlugins();
		return manager;
	}
}
