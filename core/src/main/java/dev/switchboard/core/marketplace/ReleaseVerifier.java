package dev.switchboard.core.marketplace;

import dev.switchboard.core.plugin.DeclaredPermissions;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.sdk.SdkVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.pf4j.DefaultVersionManager;
import org.pf4j.VersionManager;

/**
 * Decides whether a release may be installed: its SDK range includes this host's SDK, it is signed by a trusted
 * publisher (or unsigned releases are allowed), the downloaded jar has the published SHA-512, the signature of that
 * digest verifies, and the jar's manifest names the same plugin and version and declares the permissions the admin
 * saw in the index. Each refusal is a problem with its own stable code.
 */
final class ReleaseVerifier {

	private static final VersionManager VERSIONS = new DefaultVersionManager();

	private final TrustedKeys keys;
	private final boolean allowUnsigned;

	ReleaseVerifier(TrustedKeys keys, boolean allowUnsigned) {
		this.keys = keys;
		this.allowUnsigned = allowUnsigned;
	}

	/** Whether a release's SDK range includes this host's SDK. */
	static boolean compatible(CatalogIndex.Release release) {
		try {
			return release.requires() != null && !release.requires().isBlank()
					&& VERSIONS.checkVersionConstraint(SdkVersion.CURRENT, release.requires());
		} catch (RuntimeException e) {
			return false;
		}
	}

	/** {@code trusted}, {@code unknown-key} or {@code unsigned}: how the catalog shows a release's signature. */
	String signatureState(CatalogIndex.Release release) {
		if (release.signature() == null || release.signature().isBlank()) {
			return "unsigned";
		}
		return keys.byId(release.keyId()).isPresent() ? "trusted" : "unknown-key";
	}

	/** The checks that need no download. */
	void checkBeforeDownload(String pluginId, CatalogIndex.Release release) {
		if (!compatible(release)) {
			throw refused(409, "incompatible_sdk", "Incompatible SDK", pluginId + " " + release.version() + " requires SDK "
					+ release.requires() + ", but this Switchboard provides SDK " + SdkVersion.CURRENT + ".");
		}
		if (release.sha512() == null || !release.sha512().matches("[0-9a-fA-F]{128}")) {
			throw refused(422, "checksum_missing", "No checksum", pluginId + " " + release.version()
					+ " has no sha512 in its index; it is never installed without one.");
		}
		switch (signatureState(release)) {
			case "unsigned" -> {
				if (!allowUnsigned) {
					throw refused(422, "unsigned_plugin", "Unsigned plugin", pluginId + " " + release.version()
							+ " is not signed. Set switchboard.marketplace.allow-unsigned=true to install unsigned plugins.");
				}
			}
			case "unknown-key" -> throw refused(422, "untrusted_signer", "Unknown publisher key", pluginId + " "
					+ release.version() + " is signed with key " + release.keyId() + ", which is not among "
					+ "switchboard.marketplace.trusted-keys.");
			default -> {
			}
		}
	}

	/** The checks of the downloaded jar. */
	void checkDownload(String pluginId, CatalogIndex.Release release, Path jar) {
		String digest = sha512(jar);
		if (!digest.equalsIgnoreCase(release.sha512())) {
			throw refused(422, "checksum_mismatch", "Checksum mismatch", "The downloaded jar of " + pluginId + " "
					+ release.version() + " does not have the SHA-512 its index publishes.");
		}
		if ("trusted".equals(signatureState(release))
				&& !verifies(digest, release.signature(), keys.byId(release.keyId()).orElseThrow())) {
			throw refused(422, "signature_invalid", "Invalid signature", "The signature of " + pluginId + " "
					+ release.version() + " does not verify with publisher key " + release.keyId() + ".");
		}
		try (JarFile file = new JarFile(jar.toFile())) {
			Manifest manifest = file.getManifest();
			String id = manifest == null ? null : manifest.getMainAttributes().getValue("Plugin-Id");
			String version = manifest == null ? null : manifest.getMainAttributes().getValue("Plugin-Version");
			if (!pluginId.equals(id) || !release.version().equals(version)) {
				throw refused(422, "manifest_mismatch", "Manifest mismatch", "The jar published as " + pluginId + " "
						+ release.version() + " says it is " + id + " " + version + ".");
			}
			DeclaredPermissions declared = DeclaredPermissions.of(jar);
			if (!declared.equals(release.permissions())) {
				throw refused(422, "manifest_mismatch", "Manifest mismatch", "The jar of " + pluginId + " "
						+ release.version() + " declares " + declared.summary() + ", but its index shows "
						+ release.permissions().summary() + ".");
			}
		} catch (IOException | IllegalArgumentException e) {
			throw refused(422, "invalid_jar", "Invalid jar", "The jar of " + pluginId + " " + release.version()
					+ " is not a readable jar.");
		}
	}

	private static boolean verifies(String sha512Hex, String signatureBase64, PublicKey key) {
		try {
			Signature signature = Signature.getInstance("Ed25519");
			signature.initVerify(key);
			signature.update(HexFormat.of().parseHex(sha512Hex));
			return signature.verify(Base64.getDecoder().decode(signatureBase64));
		} catch (GeneralSecurityException | IllegalArgumentException e) {
			return false;
		}
	}

	static String sha512(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-512");
			byte[] buffer = new byte[64 * 1024];
			for (int read; (read = in.read(buffer)) > 0;) {
				digest.update(buffer, 0, read);
			}
			return HexFormat.of().formatHex(digest.digest());
		} catch (IOException | GeneralSecurityException e) {
			throw new IllegalStateException("cannot digest " + file, e);
		}
	}

	private static ProblemException refused(int status, String code, String title, String detail) {
		return new ProblemException(status, code, title, detail);
	}
}
