package dev.switchboard.plugins.forms.internal.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies the way Stripe signs its events, so receivers can reuse what they know.
 *
 * <pre>
 * Switchboard-Signature: t=1767225600,v1=&lt;64 lower-case hex digits&gt;
 * </pre>
 *
 * {@code t} is the send time in Unix seconds; {@code v1} is the lower-case hex HMAC-SHA256, keyed with the UTF-8 bytes of
 * the signing secret, of the UTF-8 string {@code t + "." + body}, where body is the exact bytes sent. A receiver:
 * <ol>
 * <li>splits the header on {@code ,} and each part on the first {@code =}, and takes {@code t} and every {@code v1};</li>
 * <li>recomputes the HMAC over {@code t + "." + rawBody} (the raw body, before any JSON parsing) and compares it with a
 * constant-time comparison to each {@code v1};</li>
 * <li>refuses the request when {@code |now - t|} exceeds its tolerance ({@link #RECOMMENDED_TOLERANCE_SECONDS}
 * seconds recommended), which stops a captured request from being replayed later;</li>
 * <li>remembers the body's {@code id} (or the {@code Idempotency-Key} header) for at least the tolerance window and
 * answers a repeat with its first answer, which stops a replay inside the window and makes retries safe.</li>
 * </ol>
 * Thread-safe: it holds the key and a clock.
 */
public final class WebhookSignature {

	/** The header that carries the signature. */
	public static final String HEADER = "Switchboard-Signature";
	/** How far a receiver should let {@code t} be from its own clock. */
	public static final long RECOMMENDED_TOLERANCE_SECONDS = 300;

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;
	private final Clock clock;

	public WebhookSignature(String signingSecret, Clock clock) {
		this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
		this.clock = clock;
	}

	/** The header value for {@code body}, timestamped now. */
	public String sign(String body) {
		long t = clock.instant().getEpochSecond();
		return "t=" + t + ",v1=" + hmacHex(t + "." + body);
	}

	private String hmacHex(String payload) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
		}
	}
}
