package dev.switchboard.core.support;

import dev.switchboard.sdk.testkit.PluginJarBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The plugins directory of the test app: the plugin jars this build produced, beside broken jars a user could drop
 * in by mistake (a bad manifest, a missing class, a plugin that fails to start, one built for another SDK). The app
 * must report each broken one and serve on.
 */
public class PluginsDirResource implements QuarkusTestResourceLifecycleManager {

	@Override
	public Map<String, String> start() {
		try {
			Path dir = Files.createTempDirectory("switchboard-test-plugins");
			Path built = Path.of(System.getProperty("switchboard.test.plugins-dir", "../target/plugins"));
			try (var jars = Files.list(built)) {
				for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
					Files.copy(jar, dir.resolve(jar.getFileName()));
				}
			}
			PluginJarBuilder.plugin("Bad_Id", "1.0.0").build(dir);
			PluginJarBuilder.plugin("missing-class", "1.0.0").extensionName("com.example.NoSuchFactory").build(dir);
			PluginJarBuilder.plugin("failing-start", "1.0.0").pluginClass(ThrowingPlugin.class).build(dir);
			PluginJarBuilder.plugin("future-sdk", "1.0.0").requires(">=9.0.0").build(dir);
			PluginJarBuilder.plugin("action-ledger", "1.0.0").extension(LedgerConnectorFactory.class).build(dir);
			return Map.of("switchboard.plugins-dir", dir.toString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void stop() {
		// the temporary directory goes with the JVM's temp files
	}
}
