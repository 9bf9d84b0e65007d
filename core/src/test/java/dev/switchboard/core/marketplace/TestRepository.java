package dev.switchboard.core.marketplace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.plugin.DeclaredPermissions;
import dev.switchboard.core.support.TempDirs;
import dev.switchboard.sdk.action.ActionConnectorFactory;
import dev.switchboard.sdk.testkit.PluginJarBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Publishes echo plugin releases into the test app's repositories (repo-a and repo-b, see PluginsDirResource) in the
 * format {@code sdk-signer} writes, signed with the publisher key the app trusts, or deliberately broken.
 */
public final class TestRepository {

	/** How a release is published. */
	public enum Tamper {
		NONE, UNSIGNED, UNKNOWN_KEY, BAD_SIGNATURE, BAD_CHECKSUM,
		/** The index shows other permissions than the jar's manifest declares. */
		PERMISSIONS_MISMATCH
	}

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Path root;

	private TestRepository(Path root) {
		this.root = root;
	}

	public static TestRepository a() {
		return new TestRepository(marketplaceDir().resolve("repo-a"));
	}

	static TestRepository b() {
		return new TestRepository(marketplaceDir().resolve("repo-b"));
	}

	/** Publishes a correctly signed echo release answering {@code echo <version>}. */
	void publishEcho(String pluginId, String factoryId, String version) {
		publishEcho(pluginId, factoryId, version, Tamper.NONE, null);
	}

	/**
	 * Publishes an echo release.
	 *
	 * @param requires the SDK range in manifest and index; the current SDK series when null
	 */
	void publishEcho(String pluginId, String factoryId, String version, Tamper tamper, String requires) {
		publish(pluginId, factoryId, version, tamper, requires, EchoModelFactory.class,
				Map.of(DeclaredPermissions.HOSTS, "echo.example.com"));
	}

	/**
	 * Publishes a release of a test plugin whose factory id and version it reads from {@code echo.properties}, with
	 * the given manifest entries (its declared permissions), which the index repeats.
	 */
	public void publish(String pluginId, String factoryId, String version, Tamper tamper, String requires,
			Class<?> extension, Map<String, String> manifest) {
		try {
			Path work = Files.createTempDirectory("echo-build");
			PluginJarBuilder builder = PluginJarBuilder.plugin(pluginId, version).extension(extension)
					.addClass(EchoRelease.class).entry("echo.properties", "factory=" + factoryId + "\nversion=" + version
							+ "\nsecrets=" + manifest.getOrDefault(DeclaredPermissions.SECRETS, "false") + "\n");
			manifest.forEach(builder::manifestAttribute);
			if (requires != null) {
				builder.requires(requires);
			}
			Path jar = builder.build(work);
			String url = pluginId + "/" + pluginId + "-" + version + ".jar";
			Files.createDirectories(root.resolve(pluginId));
			Files.copy(jar, root.resolve(url), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			String sha512 = ReleaseVerifier.sha512(jar);
			// A bad signature is a real signature by the trusted key, of another digest.
			String signedDigest = tamper == Tamper.BAD_SIGNATURE ? "0".repeat(128) : sha512;
			ObjectNode release = JSON.createObjectNode();
			release.put("version", version);
			release.put("date", "2026-01-02T03:04:05Z");
			release.put("requires", requires != null ? requires : manifestRequires(jar));
			release.put("url", url);
			release.put("sha512", tamper == Tamper.BAD_CHECKSUM ? "ab".repeat(64) : sha512);
			if (tamper != Tamper.UNSIGNED) {
				PrivateKey key = tamper == Tamper.UNKNOWN_KEY
						? KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate() : publisherKey();
				release.put("signature", sign(signedDigest, key));
				release.put("keyId", tamper == Tamper.UNKNOWN_KEY ? "0000000000000000" : trustedKeyId());
			}
			DeclaredPermissions declared = DeclaredPermissions.of(jar);
			if (tamper == Tamper.PERMISSIONS_MISMATCH) {
				declared = new DeclaredPermissions(List.of("other.example.com"), declared.hostsFromSettings(),
						declared.endUserIdentity(), declared.secrets());
			}
			release.set("permissions", JSON.valueToTree(declared));
			add(pluginId, ActionConnectorFactory.class.isAssignableFrom(extension) ? "action" : "model", release);
			TempDirs.delete(work);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	private void add(String pluginId, String kind, ObjectNode release) throws IOException {
		Path indexFile = root.resolve("index.json");
		ObjectNode index = Files.exists(indexFile) ? (ObjectNode) JSON.readTree(indexFile.toFile())
				: JSON.createObjectNode();
		ArrayNode plugins = index.withArray("plugins");
		ObjectNode plugin = null;
		for (var existing : plugins) {
			if (pluginId.equals(existing.path("id").asText())) {
				plugin = (ObjectNode) existing;
			}
		}
		if (plugin == null) {
			plugin = plugins.addObject();
			plugin.put("id", pluginId);
			plugin.put("name", "Echo (" + root.getFileName() + ")");
			plugin.put("description", "Answers with its version.");
			plugin.put("kind", kind);
			plugin.put("provider", "Switchboard tests");
			plugin.putArray("releases");
		}
		ArrayNode releases = plugin.withArray("releases");
		for (int i = releases.size() - 1; i >= 0; i--) {
			if (release.path("version").asText().equals(releases.get(i).path("version").asText())) {
				releases.remove(i);
			}
		}
		releases.add(release);
		Files.createDirectories(root);
		JSON.writeValue(indexFile.toFile(), index);
	}

	private static String manifestRequires(Path jar) throws IOException {
		try (var file = new java.util.jar.JarFile(jar.toFile())) {
			return file.getManifest().getMainAttributes().getValue("Plugin-Requires");
		}
	}

	private static String sign(String sha512Hex, PrivateKey key) throws GeneralSecurityException {
		Signature signature = Signature.getInstance("Ed25519");
		signature.initSign(key);
		signature.update(HexFormat.of().parseHex(sha512Hex));
		return Base64.getEncoder().encodeToString(signature.sign());
	}

	private static PrivateKey publisherKey() throws IOException, GeneralSecurityException {
		byte[] der = Base64.getDecoder().decode(Files.readString(marketplaceDir().resolve("keys/publisher.key")).strip());
		return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
	}

	private static String trustedKeyId() {
		String base64 = ConfigProvider.getConfig().getValue("switchboard.marketplace.trusted-keys", String.class);
		try {
			var key = KeyFactory.getInstance("Ed25519")
					.generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
			return TrustedKeys.keyId(key);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Path marketplaceDir() {
		return Path.of(ConfigProvider.getConfig().getValue("switchboard.test.marketplace-dir", String.class));
	}
}
