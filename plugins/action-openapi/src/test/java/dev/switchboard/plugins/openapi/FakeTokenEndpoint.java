package dev.switchboard.plugins.openapi;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An OAuth2 token endpoint for client credentials that issues numbered tokens and records what it was sent. */
final class FakeTokenEndpoint implements AutoCloseable {

	private final HttpServer server;
	private final AtomicInteger issued = new AtomicInteger();
	private final List<String> authorizations = new CopyOnWriteArrayList<>();
	private final List<String> forms = new CopyOnWriteArrayList<>();

	private FakeTokenEndpoint(HttpServer server) {
		this.server = server;
	}

	static FakeTokenEndpoint start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			FakeTokenEndpoint endpoint = new FakeTokenEndpoint(server);
			server.createContext("/oauth/token", exchange -> {
				endpoint.authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
				endpoint.forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
				byte[] body = ("{\"access_token\":\"tok-" + endpoint.issued.incrementAndGet()
						+ "\",\"token_type\":\"Bearer\",\"expires_in\":3600}").getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return endpoint;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	String tokenUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth/token";
	}

	int issued() {
		return issued.get();
	}

	List<String> authorizations() {
		return List.copyOf(authorizations);
	}

	List<String> forms() {
		return List.copyOf(forms);
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
