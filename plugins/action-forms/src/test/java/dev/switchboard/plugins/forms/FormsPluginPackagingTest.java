package dev.switchboard.plugins.forms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sdk.SdkVersion;
import dev.switchboard.sdk.action.ActionConnectorFactory;
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
class FormsPluginPackagingTest {

	@TempDir
	Path plugins;

	@Test
	void should_contribute_the_forms_factory_from_a_plugin_jar() {
		PluginJarBuilder.plugin("action-forms", "0.1.0").addTree(Path.of("target/classes")).build(plugins);
		PluginManager manager = new JarPluginManager(plugins);
		manager.setSystemVersion(SdkVersion.CURRENT);
		manager.loadPlugins();
		manager.startPlugins();

		List<ActionConnectorFactory> factories = manager.getExtensions(ActionConnectorFactory.class, "action-forms");

		assertThat(manager.getPlugin("action-forms").getPluginState()).isEqualTo(PluginState.STARTED);
		assertThat(factories).singleElement().satisfies(factory -> {
			assertThat(factory.id()).isEqualTo("forms");
			assertThat(factory.configSchema().secretNames()).containsExactly("signingSecret");
		});
		manager.stopPlugins();
	}
}
