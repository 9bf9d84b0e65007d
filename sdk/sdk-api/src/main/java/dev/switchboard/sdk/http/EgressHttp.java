package dev.switchboard.sdk.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The only way a connector reaches the network. The host's implementation sends a request only to the hosts the
 * connector declared in its {@link dev.switchboard.sdk.action.ConnectorPermissions} (plus those an admin added), and
 * refuses loopback, private, link-local and cloud-metadata addresses unless an admin allowed them explicitly.
 * Thread-safe; calls block and are made off the host's event loop.
 */
public interface EgressHttp {

	/**
	 * Sends a request and reads the whole body as text. An HTTP error status is returned, not thrown: map it with
	 * {@link dev.switchboard.sdk.error.HttpErrors}.
	 *
	 * @throws dev.switchboard.sdk.error.EgressDeniedException                               when the destination is not allowed
	 * @throws dev.switchboard.sdk.error.UpstreamTimeoutException     when the request's timeout passed
	 * @throws dev.switchboard.sdk.error.UpstreamUnavailableException when the host cannot be reached
	 */
	HttpResponse<String> send(HttpRequest request);

	/**
	 * Checks a destination that the connector must reach with its own client, e.g. a streaming protocol library. Call
	 * it before connecting; the same rules as {@link #send} apply.
	 *
	 * @return the destination, unchanged
	 * @throws dev.switchboard.sdk.error.EgressDeniedException when the destination is not allowed
	 */
	URI checkDestination(URI destination);
}
