package dev.switchboard.sdk.testkit.http;

import dev.switchboard.sdk.error.UpstreamTimeoutException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.error.EgressDeniedException;
import dev.switchboard.sdk.http.EgressHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link EgressHttp} for plugin tests: sends to the listed hosts only (typically {@code 127.0.0.1}, where a fake of
 * the product API listens), refuses everything else as the host would, and records what was sent.
 */
public final class TestEgressHttp implements EgressHttp {

	private final Set<String> allowedHosts;
	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private final List<HttpRequest> sent = new CopyOnWriteArrayList<>();

	private TestEgressHttp(Set<String> allowedHosts) {
		this.allowedHosts = allowedHosts;
	}

	/** Allows exactly these host names (no patterns). */
	public static TestEgressHttp allowing(String... hosts) {
		return new TestEgressHttp(Set.of(hosts));
	}

	@Override
	public URI checkDestination(URI destination) {
		if (!allowedHosts.contains(destination.getHost())) {
			throw new EgressDeniedException("host " + destination.getHost() + " is not allowed");
		}
		return destination;
	}

	@Override
	public HttpResponse<String> send(HttpRequest request) {
		checkDestination(request.uri());
		sent.add(request);
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		} catch (HttpTimeoutException e) {
			throw new UpstreamTimeoutException("no answer from " + request.uri().getHost() + " in time");
		} catch (IOException e) {
			throw new UpstreamUnavailableException("cannot reach " + request.uri().getHost() + ": " + e.getMessage());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new UpstreamUnavailableException("interrupted while calling " + request.uri().getHost());
		}
	}

	/** The requests sent so far, oldest first. */
	public List<HttpRequest> sent() {
		return List.copyOf(sent);
	}
}
