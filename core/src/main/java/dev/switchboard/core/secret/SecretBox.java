package dev.switchboard.core.secret;

import dev.switchboard.core.problem.Problem;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.sdk.config.ConfigSchema;
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
 * Envelope encryption of secrets at rest with AES-256-GCM (the JDK's implementation): each value is sealed with its
 * own random data key, and the data key is sealed with the master key. The master key comes from
 * {@code SWITCHBOARD_MASTER_KEY} (base64 of 32 bytes) or, by default, a key generated once into
 * {@code <data-dir>/master.key} (owner-only). A stored value reads
 * {@code enc:v1:<master key id>:<sealed data key>:<sealed value>}, each sealed part {@code base64(iv || ciphertext+tag)}.
 * The key id says which master key sealed the data key, so after a rotation the previous keys
 * ({@code SWITCHBOARD_PREVIOUS_MASTER_KEYS}) still open old values until the rotation command reseals their data
 * keys. The tenant id is bound as associated data to both layers, so a value copied to another tenant's row does
 * not decrypt.
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

	/** Seals a value for a tenant under a fresh data key, itself sealed with the current master key. */
	public String encrypt(String tenantId, String plaintext) {
		byte[] dataKey = new byte[32];
		random.nextBytes(dataKey);
		byte[] aad = tenantId.getBytes(StandardCharsets.UTF_8);
		String sealedValue = seal(new SecretKeySpec(dataKey, "AES"), plaintext.getBytes(StandardCharsets.UTF_8), aad);
		return PREFIX + currentId + ":" + seal(keys.get(currentId), dataKey, aad) + ":" + sealedValue;
	}

	public String decrypt(String tenantId, String ciphertext) {
		Envelope envelope = Envelope.parse(ciphertext);
		byte[] aad = tenantId.getBytes(StandardCharsets.UTF_8);
		byte[] dataKey = open(masterKey(envelope.keyId()), envelope.wrappedKey(), aad);
		return new String(open(new SecretKeySpec(dataKey, "AES"), envelope.value(), aad), StandardCharsets.UTF_8);
	}

	/**
	 * The value with its data key sealed again under the current master key. The value itself is not touched: this
	 * is what makes rotating the master key cheap.
	 */
	public String reseal(String tenantId, String ciphertext) {
		Envelope envelope = Envelope.parse(ciphertext);
		byte[] aad = tenantId.getBytes(StandardCharsets.UTF_8);
		byte[] dataKey = open(masterKey(envelope.keyId()), envelope.wrappedKey(), aad);
		return PREFIX + currentId + ":" + seal(keys.get(currentId), dataKey, aad) + ":" + envelope.value();
	}

	/** A stored value: which master key sealed its data key, the sealed data key, the sealed value. */
	private record Envelope(String keyId, String wrappedKey, String value) {
		static Envelope parse(String ciphertext) {
			if (!isEncrypted(ciphertext)) {
				throw new IllegalArgumentException("not an encrypted value");
			}
			String[] parts = ciphertext.substring(PREFIX.length()).split(":");
			if (parts.length != 3) {
				throw new IllegalArgumentException("not an encrypted value");
			}
			return new Envelope(parts[0], parts[1], parts[2]);
		}
	}

	private SecretKeySpec masterKey(String keyId) {
		SecretKeySpec key = keys.get(keyId);
		if (key == null) {
			throw new IllegalStateException("a stored secret was sealed with master key " + keyId
					+ ", which is neither the current nor a previous master key");
		}
		return key;
	}

	private String seal(SecretKeySpec key, byte[] plaintext, byte[] aad) {
		try {
			byte[] iv = new byte[IV_BYTES];
			random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
			cipher.updateAAD(aad);
			byte[] sealed = cipher.doFinal(plaintext);
			return Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("encryption failed", e);
		}
	}

	private static byte[] open(SecretKeySpec key, String sealed, byte[] aad) {
		try {
			byte[] all = Base64.getDecoder().decode(sealed);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
			cipher.updateAAD(aad);
			return cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
		} catch (GeneralSecurityException | IllegalArgumentException e) {
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

	/**
	 * Plugin settings as an admin saved them, validated. A secret left blank keeps its stored value, so an admin never
	 * has to re-enter what the API never shows back. A setting only platform admins may set
	 * ({@link dev.switchboard.sdk.config.ConfigProperty#platformAdminOnly()}) keeps its stored value when anyone else
	 * leaves it blank, and anyone else who gives another value than the stored one (or, unset, the default) is refused.
	 *
	 * @param stored        the stored settings (secrets sealed), or null for a new instance
	 * @param platformAdmin whether the caller is a platform admin
	 * @throws ProblemException 403 {@code setting_requires_platform_admin}, naming the refused settings
	 */
	public Map<String, String> validatedSettings(ConfigSchema schema, String tenantId, Map<String, String> given,
			Map<String, String> stored, boolean platformAdmin) {
		Map<String, String> values = new java.util.HashMap<>(given);
		Map<String, String> refused = new LinkedHashMap<>();
		for (dev.switchboard.sdk.config.ConfigProperty property : schema.properties()) {
			boolean guarded = property.platformAdminOnly() && !platformAdmin;
			if (!property.secret() && !guarded) {
				continue;
			}
			String value = values.get(property.name());
			String before = stored == null || !stored.containsKey(property.name()) ? null
					: property.secret() ? decrypt(tenantId, stored.get(property.name())) : stored.get(property.name());
			if (value == null || value.isBlank()) {
				if (before != null) {
					values.put(property.name(), before);
				}
			} else if (guarded && !value.equals(before != null ? before : property.defaultValue())) {
				refused.put(property.name(), "only a platform admin may set or change it");
			}
		}
		if (!refused.isEmpty()) {
			throw new ProblemException(Problem.of(403, "setting_requires_platform_admin", "Platform admin only",
					"Only a platform admin may set or change " + String.join(", ", refused.keySet())
							+ " of this plugin.").withErrors(refused));
		}
		return new java.util.HashMap<>(schema.validate(values));
	}

	/** The settings with their secret values encrypted, for storing. */
	public Map<String, String> sealSettings(ConfigSchema schema, String tenantId, Map<String, String> plain) {
		Map<String, String> sealed = new java.util.HashMap<>(plain);
		schema.secretNames().forEach(s -> sealed.computeIfPresent(s, (k, v) -> encrypt(tenantId, v)));
		return sealed;
	}

	/** Stored settings with their secret values decrypted, for creating an instance. */
	public Map<String, String> openSettings(ConfigSchema schema, String tenantId, Map<String, String> sealed) {
		Map<String, String> plain = new java.util.HashMap<>(sealed);
		schema.secretNames().forEach(s -> plain.computeIfPresent(s, (k, v) -> decrypt(tenantId, v)));
		return plain;
	}
}
