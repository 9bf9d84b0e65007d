package dev.switchboard.sdk.signer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A publisher's Ed25519 key pair, as two files: {@code publisher.key} (the private key, PKCS#8 in base64, readable by
 * its owner only) and {@code publisher.pub} (the public key, X.509 SubjectPublicKeyInfo in base64). The public key's
 * text is what a Switchboard deployment lists in {@code switchboard.marketplace.trusted-keys}. Uses only the JDK.
 */
public final class PublisherKeys {

	/** The private key's file name in a key directory. */
	public static final String PRIVATE_KEY_FILE = "publisher.key";
	/** The public key's file name in a key directory. */
	public static final String PUBLIC_KEY_FILE = "publisher.pub";

	private PublisherKeys() {
	}

	/** Generates a key pair into {@code directory}; keeps an existing pair when {@code keepExisting}. */
	public static Path generate(Path directory, boolean keepExisting) throws IOException, GeneralSecurityException {
		Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
		if (keepExisting && Files.exists(privateFile)) {
			return privateFile;
		}
		KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		Files.createDirectories(directory);
		Files.writeString(privateFile, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n");
		if (Files.getFileStore(privateFile).supportsFileAttributeView("posix")) {
			Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
		}
		Files.writeString(directory.resolve(PUBLIC_KEY_FILE), encode(pair.getPublic()) + "\n");
		return privateFile;
	}

	/** Reads a private key written by {@link #generate}. */
	public static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
		byte[] der = Base64.getDecoder().decode(Files.readString(file).strip());
		return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
	}

	/** The public key of a private key file: {@code publisher.pub} beside it. */
	public static PublicKey readPublicKeyBeside(Path privateKeyFile) throws IOException, GeneralSecurityException {
		return decodePublicKey(Files.readString(privateKeyFile.resolveSibling(PUBLIC_KEY_FILE)));
	}

	/** Parses the base64 text of a public key, as listed in a deployment's trusted keys. */
	public static PublicKey decodePublicKey(String base64) throws GeneralSecurityException {
		byte[] der = Base64.getDecoder().decode(base64.strip());
		return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
	}

	/** The base64 text of a public key. */
	public static String encode(PublicKey key) {
		return Base64.getEncoder().encodeToString(key.getEncoded());
	}

	/** A short, stable name for a public key: the first 8 bytes of the SHA-256 of its encoding, in hex. */
	public static String keyId(PublicKey key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
			return HexFormat.of().formatHex(digest, 0, 8);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}
}
