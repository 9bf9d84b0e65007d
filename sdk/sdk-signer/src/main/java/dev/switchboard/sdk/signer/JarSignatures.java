package dev.switchboard.sdk.signer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The marketplace's signature scheme: Ed25519 over the 64 raw bytes of the jar's SHA-512 digest. The index carries the
 * digest in hex ({@code sha512}) and the signature in base64 ({@code signature}), so a host checks the download
 * against the digest and the digest against the publisher's key. JDK only ({@code Signature.getInstance("Ed25519")}).
 */
public final class JarSignatures {

	private JarSignatures() {
	}

	/** The SHA-512 digest of a file, in lower-case hex. */
	public static String sha512(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-512");
			byte[] buffer = new byte[64 * 1024];
			for (int read; (read = in.read(buffer)) > 0;) {
				digest.update(buffer, 0, read);
			}
			return HexFormat.of().formatHex(digest.digest());
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Signs a SHA-512 digest given in hex; returns the signature in base64. */
	public static String sign(String sha512Hex, PrivateKey key) throws GeneralSecurityException {
		Signature signature = Signature.getInstance("Ed25519");
		signature.initSign(key);
		signature.update(HexFormat.of().parseHex(sha512Hex));
		return Base64.getEncoder().encodeToString(signature.sign());
	}

	/** Whether {@code signatureBase64} is {@code key}'s signature of the SHA-512 digest given in hex. */
	public static boolean verify(String sha512Hex, String signatureBase64, PublicKey key) {
		try {
			Signature signature = Signature.getInstance("Ed25519");
			signature.initVerify(key);
			signature.update(HexFormat.of().parseHex(sha512Hex));
			return signature.verify(Base64.getDecoder().decode(signatureBase64));
		} catch (GeneralSecurityException | IllegalArgumentException e) {
			return false;
		}
	}
}
