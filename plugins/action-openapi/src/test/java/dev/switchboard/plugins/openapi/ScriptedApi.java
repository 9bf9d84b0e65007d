package dev.switchboard.plugins.openapi;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP API for error-table tests: serves an OpenAPI document at {@code /openapi.yaml}, answers every other
 * request with the next scripted reply (200 {@code {}} when none is left) and records what it was sent.
 */
final class ScriptedApi implements AutoCloseable {

	/** One answer. */
	record Reply(int status, String body, Map<String, String> headers) {
	}

	/** One request as received. */
	record Received(String method, URI uri, Headers headers, String body) {
	}

	private final HttpServer server;
	private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
	private final List<Received> received = new CopyOnWriteArrayList<>();

	private ScriptedApi(HttpServer server) {
		this.server = server;
	}

	static ScriptedApi serving(String document) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			ScriptedApi api = new ScriptedApi(server);
			server.createContext("/", exchange -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				Reply reply;
				if (exchange.getRequestURI().getPath().equals("/openapi.yaml")) {
					reply = new Reply(200, document, Map.of("Content-Type", "application/yaml"));
				} else {
					api.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI(),
							exchange.getRequestHeaders(), body));
					reply = api.replies.isEmpty() ? new Reply(200, "{}", Map.of("Content-Type", "application/json"))
							: api.replies.poll();
				}
				reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
				byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
				if (bytes.length > 0) {
					exchange.getResponseBody().write(bytes);
				}
				exchange.close();
			});
			server.start();
			return api;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	void enqueue(int status, String body, Map<String, String> headers) {
		replies.add(new Reply(status, body, headers));
	}

	String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	Received last() {
		return received.getLast();
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
