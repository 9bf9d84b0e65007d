package dev.switchboard.core.marketplace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The publisher keys this deployment trusts, by key id (the first 8 bytes of the SHA-256 of the key's X.509 encoding,
 * in hex, as {@code sdk-signer} writes into the index). Same scheme as the SDK's signer, with the JDK only.
 */
final class TrustedKeys {

	private static final Logger LOG = Logger.getLogger(TrustedKeys.class);

	private final Map<String, PublicKey> byId = new LinkedHashMap<>();

	TrustedKeys(MarketplaceSettings settings) {
		List<String> keys = new ArrayList<>(settings.trustedKeys().orElse(List.of()));
		for (Path file : settings.trustedKeyFiles().orElse(List.of())) {
			try {
				keys.add(Files.readString(file));
			} catch (IOException e) {
				LOG.warnf("Trusted key file %s not readable; its key is not trusted: %s", file, e.getMessage());
			}
		}
		for (String key : keys) {
			if (key.isBlank()) {
				continue;
			}
			try {
				PublicKey publicKey = KeyFactory.getInstance("Ed25519")
						.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.strip())));
				byId.put(keyId(publicKey), publicKey);
			} catch (GeneralSecurityException | IllegalArgumentException e) {
				throw new IllegalArgumentException("switchboard.marketplace.trusted-keys holds a value that is not an "
						+ "Ed25519 public key in base64: " + e.getMessage());
			}
		}
	}

	Optional<PublicKey> byId(String keyId) {
		return Optional.ofNullable(keyId == null ? null : byId.get(keyId));
	}

	List<String> ids() {
		return List.copyOf(byId.keySet());
	}

	static String keyId(PublicKey key) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 8);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}
}
