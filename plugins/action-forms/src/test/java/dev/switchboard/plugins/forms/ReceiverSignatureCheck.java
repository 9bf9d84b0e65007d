package dev.switchboard.plugins.forms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a receiver does with {@code Switchboard-Signature}, written from the documented scheme only (no plugin code):
 * parse {@code t} and each {@code v1}, recompute HMAC-SHA256 over {@code t + "." + rawBody}, compare in constant time,
 * and refuse a timestamp outside the tolerance window.
 */
final class ReceiverSignatureCheck {

	static final long TOLERANCE_SECONDS = 300;

	private ReceiverSignatureCheck() {
	}

	/** Whether a receiver with {@code secret} and the clock at {@code now} accepts the request. */
	static boolean accepts(String header, String rawBody, String secret, Instant now) {
		Long t = null;
		List<String> signatures = new ArrayList<>();
		for (String part : header.split(",")) {
			String[] kv = part.split("=", 2);
			if (kv.length == 2 && kv[0].equals("t")) {
				t = Long.parseLong(kv[1]);
			} else if (kv.length == 2 && kv[0].equals("v1")) {
				signatures.add(kv[1]);
			}
		}
		if (t == null || Math.abs(now.getEpochSecond() - t) > TOLERANCE_SECONDS) {
			return false;
		}
		byte[] expected = hmacHex(secret, t + "." + rawBody).getBytes(StandardCharsets.US_ASCII);
		return signatures.stream()
				.anyMatch(v1 -> MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII)));
	}

	static String hmacHex(String secret, String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
		} catch (GeneralSecurityException e) {
			throw new AssertionError(e);
		}
	}
}
