package dev.switchboard.core.support;

import dev.switchboard.sdk.testkit.PluginJarBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

/**
 * The plugins directory of the test app: the plugin jars this build produced, beside broken jars a user could drop
 * in by mistake (a bad manifest, a missing class, a plugin that fails to start, one built for another SDK). The app
 * must report each broken one and serve on. Also the marketplace's test setting: two empty repositories beside the
 * build's own, an install directory, and a publisher key the app trusts (its private half in
 * {@code switchboard.test.marketplace-dir}/keys).
 */
public class PluginsDirResource implements QuarkusTestResourceLifecycleManager {

	private Path dir;
	private Path marketplace;

	@Override
	public Map<String, String> start() {
		try {
			dir = Files.createTempDirectory("switchboard-test-plugins");
			// The marketplace tests publish into two empty repositories, signing with a publisher key trusted at boot.
			marketplace = Files.createTempDirectory("switchboard-test-marketplace");
			KeyPair publisher = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			String publicKey = Base64.getEncoder().encodeToString(publisher.getPublic().getEncoded());
			Files.createDirectories(marketplace.resolve("keys"));
			Files.writeString(marketplace.resolve("keys/publisher.key"),
					Base64.getEncoder().encodeToString(publisher.getPrivate().getEncoded()));
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
			PluginJarBuilder.plugin("action-ledger", "1.0.0").extension(LedgerConnectorFactory.class)
					.manifestAttribute("Plugin-Hosts-From-Settings", "baseUrl")
					.manifestAttribute("Plugin-End-User-Identity", "true").build(dir);
			// Shipped beside the plugin it needs, as plugins with dependencies must be.
			PluginJarBuilder.plugin("ledger-addon", "1.0.0").manifestAttribute("Plugin-Dependencies", "action-ledger")
					.build(dir);
			return Map.of("switchboard.plugins-dir", dir.toString(), "switchboard.marketplace.repositories",
					Path.of("../target/marketplace").toAbsolutePath().normalize() + "," + marketplace.resolve("repo-a") + ","
							+ marketplace.resolve("repo-b"),
					"switchboard.marketplace.install-dir", marketplace.resolve("installed").toString(),
					"switchboard.marketplace.trusted-keys", publicKey,
					"switchboard.test.marketplace-dir", marketplace.toString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	@Override
	public void stop() {
		TempDirs.delete(dir);
		TempDirs.delete(marketplace);
	}
}
