package dev.switchboard.core.secret;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts secret configuration values at rest with AES-256-GCM (the JDK's implementation). The master key comes
 * from {@code SWITCHBOARD_MASTER_KEY} (base64 of 32 bytes) or, by default, a key generated once into
 * {@code <data-dir>/master.key} (owner-only). Ciphertexts are {@code enc:v1:<key id>:<base64(iv || ciphertext+tag)>}:
 * the key id says which master key sealed a value, so after a rotation the previous keys
 * ({@code SWITCHBOARD_PREVIOUS_MASTER_KEYS}) still open old values until the rotation command re-encrypts them.
 * The tenant id is bound as associated data, so a value copied to another tenant's row does not decrypt.
 */
@ApplicationScoped
public class SecretBox {

	private static final String PREFIX = "enc:v1:";
	private static final int IV_BYTES = 12;
	private final SecureRandom random = new SecureRandom();
	private final String currentId;
	private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

	@Inject
	public SecretBox(@ConfigProperty(name = "switchboard.master-key") Optional<String> configured,
			@ConfigProperty(name = "switchboard.previous-master-keys") Optional<List<String>> previous,
			@ConfigProperty(name = "switchboard.data-dir") Path dataDir) {
		this(configured.filter(k -> !k.isBlank()).orElseGet(() -> storedOrGenerated(dataDir.resolve("master.key"))),
				previous.orElse(List.of()));
	}

	/** A box sealing with {@code current} (base64) and still opening values sealed with any of {@code previous}. */
	public SecretBox(String current, List<String> previous) {
		this.currentId = add(current);
		previous.stream().filter(k -> !k.isBlank()).forEach(this::add);
	}

	public String encrypt(String tenantId, String plaintext) {
		try {
			byte[] iv = new byte[IV_BYTES];
			random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(128, iv));
			cipher.updateAAD(tenantId.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length)
					.put(iv).put(sealed).array());
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("encryption failed", e);
		}
	}

	public String decrypt(String tenantId, String ciphertext) {
		if (!isEncrypted(ciphertext)) {
			throw new IllegalArgumentException("not an encrypted value");
		}
		String[] parts = ciphertext.substring(PREFIX.length()).split(":", 2);
		SecretKeySpec key = keys.get(parts[0]);
		if (key == null || parts.length != 2) {
			throw new IllegalStateException("a stored secret was sealed with master key " + parts[0]
					+ ", which is neither the current nor a previous master key");
		}
		try {
			byte[] all = Base64.getDecoder().decode(parts[1]);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
			cipher.updateAAD(tenantId.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("a stored secret does not decrypt for this tenant with its master key", e);
		}
	}

	/** Whether a stored value is one of this box's ciphertexts. */
	public static boolean isEncrypted(String value) {
		return value != null && value.startsWith(PREFIX);
	}

	/** Whether a ciphertext was sealed with another key than the current one. */
	public boolean sealedWithOldKey(String ciphertext) {
		return isEncrypted(ciphertext) && !ciphertext.startsWith(PREFIX + currentId + ":");
	}

	/** The value sealed again under the current master key. */
	public String reseal(String tenantId, String ciphertext) {
		return encrypt(tenantId, decrypt(tenantId, ciphertext));
	}

	private String add(String base64) {
		byte[] raw = Base64.getDecoder().decode(base64.trim());
		if (raw.length != 32) {
			throw new IllegalStateException("a master key must be 32 bytes, base64-encoded");
		}
		String id = keyId(raw);
		keys.putIfAbsent(id, new SecretKeySpec(raw, "AES"));
		return id;
	}

	/** A short, non-secret name of a key: the start of its SHA-256. */
	private static String keyId(byte[] raw) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 4);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String storedOrGenerated(Path file) {
		try {
			if (Files.exists(file)) {
				return Files.readString(file);
			}
			byte[] raw = new byte[32];
			new SecureRandom().nextBytes(raw);
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
