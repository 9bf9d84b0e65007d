package dev.switchboard.sdk.signer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.sdk.action.ActionConnectorFactory;
import dev.switchboard.sdk.embedding.TextEmbedderFactory;
import dev.switchboard.sdk.model.ModelBackendFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * One signed plugin jar, described the way a marketplace index lists it. The plugin's id, version, SDK range,
 * description, provider and declared permissions come from the jar's MANIFEST (so the index cannot claim less than the
 * signed jar declares); its kind from the extension points its extensions implement; what the publisher adds (name,
 * homepage, icon) from {@link Details}.
 */
public final class PluginRelease {

	/** What the publisher says about the plugin beyond its manifest. */
	public record Details(String name, String homepage, String icon, String kind) {
	}

	private final Manifest manifest;
	private final String kind;
	private final String sha512;
	private final String signature;
	private final String keyId;
	private final Details details;

	private PluginRelease(Manifest manifest, String kind, String sha512, String signature, String keyId, Details details) {
		this.manifest = manifest;
		this.kind = kind;
		this.sha512 = sha512;
		this.signature = signature;
		this.keyId = keyId;
		this.details = details;
	}

	/** Reads and signs a plugin jar. */
	public static PluginRelease sign(Path jar, PrivateKey key, PublicKey publicKey, Details details)
			throws IOException, GeneralSecurityException {
		Manifest manifest;
		try (JarFile file = new JarFile(jar.toFile())) {
			manifest = file.getManifest();
		}
		if (manifest == null || attribute(manifest, "Plugin-Id") == null || attribute(manifest, "Plugin-Version") == null) {
			throw new IllegalArgumentException(jar + " has no Plugin-Id and Plugin-Version in its MANIFEST");
		}
		String kind = details.kind() != null && !details.kind().isBlank() ? details.kind() : kindOf(jar);
		String sha512 = JarSignatures.sha512(jar);
		return new PluginRelease(manifest, kind, sha512, JarSignatures.sign(sha512, key), PublisherKeys.keyId(publicKey),
				details);
	}

	public String id() {
		return attribute(manifest, "Plugin-Id");
	}

	public String version() {
		return attribute(manifest, "Plugin-Version");
	}

	/** The plugin's entry without releases: id, name, description, kind, provider, homepage, icon. */
	public ObjectNode pluginEntry(ObjectMapper json) {
		ObjectNode plugin = json.createObjectNode();
		plugin.put("id", id());
		plugin.put("name", orElse(details.name(), id()));
		plugin.put("description", orElse(attribute(manifest, "Plugin-Description"), ""));
		plugin.put("kind", kind);
		plugin.put("provider", orElse(attribute(manifest, "Plugin-Provider"), ""));
		putIfSet(plugin, "homepage", details.homepage());
		putIfSet(plugin, "icon", details.icon());
		plugin.putArray("releases");
		return plugin;
	}

	/** The release's entry, with its download URL relative to the index. */
	public ObjectNode releaseEntry(ObjectMapper json, String url) {
		ObjectNode release = json.createObjectNode();
		release.put("version", version());
		release.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		release.put("requires", attribute(manifest, "Plugin-Requires"));
		release.put("url", url);
		release.put("sha512", sha512);
		release.put("signature", signature);
		release.put("keyId", keyId);
		ObjectNode permissions = release.putObject("permissions");
		list(attribute(manifest, "Plugin-Hosts")).forEach(permissions.putArray("hosts")::add);
		list(attribute(manifest, "Plugin-Hosts-From-Settings")).forEach(permissions.putArray("hostsFromSettings")::add);
		permissions.put("endUserIdentity", Boolean.parseBoolean(attribute(manifest, "Plugin-End-User-Identity")));
		permissions.put("secrets", Boolean.parseBoolean(attribute(manifest, "Plugin-Secrets")));
		return release;
	}

	/** {@code model}, {@code action} or {@code embedding}, from the extension points its listed extensions implement. */
	static String kindOf(Path jar) throws IOException {
		List<String> classNames = new ArrayList<>();
		try (JarFile file = new JarFile(jar.toFile())) {
			var index = file.getEntry("META-INF/extensions.idx");
			if (index != null) {
				try (InputStream in = file.getInputStream(index)) {
					for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
						if (!line.isBlank() && !line.startsWith("#")) {
							classNames.add(line.strip());
						}
					}
				}
			}
		}
		Set<String> kinds = new LinkedHashSet<>();
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() },
				PluginRelease.class.getClassLoader())) {
			for (String className : classNames) {
				try {
					Class<?> type = Class.forName(className, false, loader);
					if (ModelBackendFactory.class.isAssignableFrom(type)) {
						kinds.add("model");
					} else if (ActionConnectorFactory.class.isAssignableFrom(type)) {
						kinds.add("action");
					} else if (TextEmbedderFactory.class.isAssignableFrom(type)) {
						kinds.add("embedding");
					}
				} catch (ClassNotFoundException | LinkageError e) {
					throw new IllegalArgumentException("extension " + className + " of " + jar + " does not load: " + e);
				}
			}
		}
		if (kinds.size() != 1) {
			throw new IllegalArgumentException(jar + " contributes " + (kinds.isEmpty() ? "no factory" : "factories of kinds "
					+ kinds) + "; name its kind with --kind");
		}
		return kinds.iterator().next();
	}

	private static String attribute(Manifest manifest, String name) {
		String value = manifest.getMainAttributes().getValue(name);
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static List<String> list(String value) {
		return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty())
				.toList();
	}

	private static String orElse(String value, String fallback) {
		return value == null || value.isBlank() ? fallback : value;
	}

	private static void putIfSet(ObjectNode node, String field, String value) {
		if (value != null && !value.isBlank()) {
			node.put(field, value);
		}
	}
}
