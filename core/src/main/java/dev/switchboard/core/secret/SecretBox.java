package dev.switchboard.core.secret;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts secret configuration values at rest with AES-256-GCM (the JDK's implementation). The master key comes
 * from {@code SWITCHBOARD_MASTER_KEY} (base64 of 32 bytes) or, by default, a key generated once into
 * {@code <data-dir>/master.key} (owner-only). Ciphertexts are {@code enc:v1:<base64(iv || ciphertext+tag)>}; the
 * tenant id is bound as associated data, so a value copied to another tenant's row does not decrypt.
 */
@ApplicationScoped
public class SecretBox {

	private static final String PREFIX = "enc:v1:";
	private static final int IV_BYTES = 12;
	private final SecureRandom random = new SecureRandom();
	private final SecretKeySpec key;

	public SecretBox(@ConfigProperty(name = "switchboard.master-key") Optional<String> configured,
			@ConfigProperty(name = "switchboard.data-dir") Path dataDir) {
		byte[] raw = Base64.getDecoder().decode(configured.filter(k -> !k.isBlank())
				.orElseGet(() -> storedOrGenerated(dataDir.resolve("master.key"))).trim());
		if (raw.length != 32) {
			throw new IllegalStateException("the master key must be 32 bytes, base64-encoded");
		}
		this.key = new SecretKeySpec(raw, "AES");
	}

	public String encrypt(String tenantId, String plaintext) {
		try {
			byte[] iv = new byte[IV_BYTES];
			random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
			cipher.updateAAD(tenantId.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length)
					.put(iv).put(sealed).array());
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("encryption failed", e);
		}
	}

	public String decrypt(String tenantId, String ciphertext) {
		if (!ciphertext.startsWith(PREFIX)) {
			throw new IllegalArgumentException("not an encrypted value");
		}
		try {
			byte[] all = Base64.getDecoder().decode(ciphertext.substring(PREFIX.length()));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
			cipher.updateAAD(tenantId.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("a stored secret cannot be decrypted with this master key", e);
		}
	}

	private String storedOrGenerated(Path file) {
		try {
			if (Files.exists(file)) {
				return Files.readString(file);
			}
			byte[] raw = new byte[32];
			random.nextBytes(raw);
			String encoded = Base64.getEncoder().encodeToString(raw);
			Files.createDirectories(file.getParent());
			Files.writeString(file, encoded);
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			return encoded;
		} catch (IOException e) {
			throw new UncheckedIOException("cannot read or create the master key " + file, e);
		}
	}
}
