package dev.switchboard.core.action;

import dev.switchboard.sdk.error.EgressDeniedException;
import dev.switchboard.sdk.error.UpstreamTimeoutException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.http.EgressHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * A connector's only way to the network: its declared hosts, over HTTP(S), never to loopback, private, link-local
 * (which holds cloud metadata, 169.254.169.254) or other internal addresses unless an admin allowed the private
 * network for this connector. Redirects are not followed, so a declared host cannot bounce a request elsewhere.
 *
 * <p>The address check resolves the host just before the request; a DNS answer that changes between the check and
 * the connection could still slip through, which is why the admin setting, not the check, is the line for internal
 * networks.
 */
final class EgressGuard implements EgressHttp {

	private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10)).build();

	private final String connector;
	private final Set<String> hosts;
	private final boolean allowPrivateNetwork;

	EgressGuard(String connector, Set<String> hosts, boolean allowPrivateNetwork) {
		this.connector = connector;
		this.hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
		this.allowPrivateNetwork = allowPrivateNetwork;
	}

	@Override
	public URI checkDestination(URI destination) {
		String scheme = destination.getScheme() == null ? "" : destination.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !scheme.equals("http")) {
			throw denied("only http and https are allowed, not '" + scheme + "'");
		}
		String host = destination.getHost() == null ? null : destination.getHost().toLowerCase(Locale.ROOT);
		if (host == null || !declared(host, destination.getPort())) {
			throw denied("host " + host + " is not among its declared hosts " + hosts);
		}
		if (!allowPrivateNetwork) {
			try {
				for (InetAddress address : InetAddress.getAllByName(host)) {
					if (InternalAddresses.internal(address)) {
						throw denied(host + " resolves to the internal address " + address.getHostAddress()
								+ "; an admin must allow the private network for this connector");
					}
				}
			} catch (UnknownHostException e) {
				throw new UpstreamUnavailableException("connector " + connector + ": cannot resolve " + host);
			}
		}
		return destination;
	}

	@Override
	public HttpResponse<String> send(HttpRequest request) {
		checkDestination(request.uri());
		try {
			return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		} catch (HttpTimeoutException e) {
			throw new UpstreamTimeoutException("no answer from " + request.uri().getHost() + " in time", e);
		} catch (IOException e) {
			throw new UpstreamUnavailableException("cannot reach " + request.uri().getHost() + ": " + e.getMessage(), e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new UpstreamUnavailableException("interrupted while calling " + request.uri().getHost(), e);
		}
	}

	private boolean declared(String host, int port) {
		for (String pattern : hosts) {
			String name = pattern.replaceFirst(":\\d+$", "");
			boolean portMatches = !pattern.matches(".*:\\d+$") || pattern.endsWith(":" + port);
			boolean hostMatches = name.startsWith("*.") ? host.endsWith(name.substring(1)) : host.equals(name);
			if (hostMatches && portMatches) {
				return true;
			}
		}
		return false;
	}

	private EgressDeniedException denied(String why) {
		return new EgressDeniedException("connector " + connector + " may not reach this destination: " + why);
	}
}
