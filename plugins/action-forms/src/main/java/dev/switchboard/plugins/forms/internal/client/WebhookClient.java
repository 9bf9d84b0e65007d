package dev.switchboard.plugins.forms.internal.client;

import dev.switchboard.sdk.http.EgressHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Delivers signed JSON events to webhook receivers over the host's {@link EgressHttp} (never another transport) and
 * turns answers that are not 2xx into SDK exceptions. Every request carries {@code Content-Type: application/json},
 * {@link WebhookSignature#HEADER}, {@code Switchboard-Event} (the event type, so a receiver can route before parsing)
 * and {@code Idempotency-Key}. Thread-safe.
 */
public final class WebhookClient {

	/** The header naming the event type, e.g. {@code form.submitted} or {@code ping}. */
	public static final String EVENT_HEADER = "Switchboard-Event";

	private final EgressHttp http;
	private final WebhookSignature signature;

	public WebhookClient(EgressHttp http, WebhookSignature signature) {
		this.http = Objects.requireNonNull(http, "http");
		this.signature = Objects.requireNonNull(signature, "signature");
	}

	/**
	 * POSTs one event.
	 *
	 * @param receiver       who is called, for error messages (see {@link WebhookErrors#toException})
	 * @param body           the JSON body, signed exactly as sent
	 * @param idempotencyKey sent as {@code Idempotency-Key}, so a receiver can recognise a retry of the same delivery
	 * @return the receiver's 2xx answer
	 * @throws dev.switchboard.sdk.error.PluginException for any other answer, or when the receiver cannot be reached
	 */
	public HttpResponse<String> deliver(URI webhook, String receiver, String event, String body,
			String idempotencyKey, Duration timeout) {
		HttpRequest request = HttpRequest.newBuilder(webhook)
				.timeout(timeout)
				.header("Content-Type", "application/json")
				.header("Accept", "application/json")
				.header(EVENT_HEADER, event)
				.header("Idempotency-Key", idempotencyKey)
				.header(WebhookSignature.HEADER, signature.sign(body))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
		HttpResponse<String> response = http.send(request);
		int status = response.statusCode();
		if (status < 200 || status > 299) {
			throw WebhookErrors.toException(status, response.body(),
					response.headers().firstValue("Retry-After").orElse(null), receiver);
		}
		return response;
	}
}
