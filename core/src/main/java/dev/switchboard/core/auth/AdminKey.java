package dev.switchboard.core.auth;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The bootstrap admin key: {@code SWITCHBOARD_ADMIN_API_KEY} when set, otherwise a random key generated at the first
 * start, kept in {@code <data-dir>/admin-api-key} (owner-only) and printed that one time.
 */
@Startup
@ApplicationScoped
public class AdminKey {

	private static final Logger LOG = Logger.getLogger(AdminKey.class);
	private final byte[] key;

	public AdminKey(@ConfigProperty(name = "switchboard.admin-api-key") Optional<String> configured,
			@ConfigProperty(name = "switchboard.data-dir") Path dataDir) {
		this.key = configured.filter(k -> !k.isBlank()).orElseGet(() -> storedOrGenerated(dataDir))
				.getBytes(StandardCharsets.UTF_8);
	}

	/** Whether the presented key is the admin key, compared in constant time. */
	public boolean matches(String presented) {
		return MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
	}

	private static String storedOrGenerated(Path dataDir) {
		Path file = dataDir.resolve("admin-api-key");
		try {
			if (Files.exists(file)) {
				return Files.readString(file).trim();
			}
			String generated = Tokens.issue("sb_admin_");
			Files.createDirectories(dataDir);
			Files.writeString(file, generated);
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			// Printed once, on purpose: this is how the operator learns the key. It is never logged again.
			LOG.infof("%n%n  Generated the admin API key (stored in %s):%n    %s%n  Use it as 'Authorization: Bearer <key>'.%n",
					file, generated);
			return generated;
		} catch (IOException e) {
			throw new UncheckedIOException("cannot read or create the admin key in " + dataDir, e);
		}
	}
}
