package dev.switchboard.sdk.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sdk.testkit.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginSignerTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path dir;

	@Test
	void should_generate_a_key_pair_whose_private_half_only_its_owner_reads() throws Exception {
		String publicKey = PluginSigner.run("keygen", dir.resolve("keys").toString());

		assertThat(PublisherKeys.decodePublicKey(publicKey).getAlgorithm()).isIn("Ed25519", "EdDSA");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys/publisher.key"))))
				.isEqualTo("rw-------");
		assertThat(PluginSigner.run("keygen", dir.resolve("keys").toString(), "--keep-existing")).isEqualTo(publicKey);
	}

	@Test
	void should_publish_signed_releases_into_an_index_that_verifies_with_the_public_key() throws Exception {
		Path keys = dir.resolve("keys");
		PluginSigner.run("keygen", keys.toString());
		PublicKey publicKey = PublisherKeys.readPublicKeyBeside(keys.resolve("publisher.key"));
		Path v1 = sample("1.0.0");
		Path v2 = sample("1.1.0");
		Path repository = dir.resolve("repo");

		for (Path jar : new Path[] { v1, v2 }) {
			PluginSigner.run("publish", jar.toString(), "--key", keys.resolve("publisher.key").toString(), "--repository",
					repository.toString(), "--name", "Sample");
		}

		JsonNode plugin = JSON.readTree(repository.resolve("index.json").toFile()).path("plugins").get(0);
		assertThat(plugin.path("id").asText()).isEqualTo("action-sample");
		assertThat(plugin.path("name").asText()).isEqualTo("Sample");
		assertThat(plugin.path("kind").asText()).isEqualTo("action");
		assertThat(plugin.path("releases")).hasSize(2);
		JsonNode newest = plugin.path("releases").get(0);
		assertThat(newest.path("version").asText()).isEqualTo("1.1.0");
		assertThat(newest.path("permissions").path("hosts").toString()).isEqualTo("[\"api.example.com\",\"*.example.org\"]");
		assertThat(newest.path("permissions").path("hostsFromSettings").toString()).isEqualTo("[\"baseUrl\"]");
		assertThat(newest.path("permissions").path("endUserIdentity").asBoolean()).isTrue();
		assertThat(newest.path("permissions").path("secrets").asBoolean()).isFalse();
		assertThat(newest.path("keyId").asText()).isEqualTo(PublisherKeys.keyId(publicKey));
		Path published = repository.resolve(newest.path("url").asText());
		String digest = JarSignatures.sha512(published);
		assertThat(digest).isEqualTo(newest.path("sha512").asText());
		assertThat(JarSignatures.verify(digest, newest.path("signature").asText(), publicKey)).isTrue();
		assertThat(JarSignatures.verify(JarSignatures.sha512(v1), newest.path("signature").asText(), publicKey)).isFalse();
	}

	/** The index takes the permissions from the jar's manifest, which the signature covers. */
	private Path sample(String version) {
		return PluginJarBuilder.plugin("action-sample", version).extension(SampleConnectorFactory.class)
				.manifestAttribute("Plugin-Hosts", "api.example.com, *.example.org")
				.manifestAttribute("Plugin-Hosts-From-Settings", "baseUrl")
				.manifestAttribute("Plugin-End-User-Identity", "true").build(dir);
	}

	@Test
	void should_refuse_a_jar_without_a_plugin_manifest() throws Exception {
		PluginSigner.run("keygen", dir.resolve("keys").toString());
		Path jar = PluginJarBuilder.plugin("x", "1.0.0").manifestAttribute("Plugin-Id", null).build(dir);

		assertThatThrownBy(() -> PluginSigner.run("sign", jar.toString(), "--key",
				dir.resolve("keys/publisher.key").toString())).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("Plugin-Id");
	}
}
