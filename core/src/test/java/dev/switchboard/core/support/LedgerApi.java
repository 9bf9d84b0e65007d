package dev.switchboard.core.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fake product API behind the ledger connector: answers every call with a JSON body the test sets and records
 * each request, so a test can count exactly which changes reached the product.
 */
public final class LedgerApi {

	/** A request the product received. */
	public record Received(String method, String path, String idempotencyKey, String authorization, String body) {
	}

	private static LedgerApi instance;

	private final HttpServer server;
	private final List<Received> received = new CopyOnWriteArrayList<>();
	private volatile String answer = "{}";
	private volatile int status = 200;
	private volatile String retryAfter;

	private LedgerApi(HttpServer server) {
		this.server = server;
	}

	/** The one server of the test JVM, started on first use. */
	public static synchronized LedgerApi get() {
		if (instance == null) {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
				LedgerApi api = new LedgerApi(server);
				server.createContext("/", exchange -> {
					String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
					if (!exchange.getRequestURI().getPath().equals("/health")) {
						api.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
								exchange.getRequestHeaders().getFirst("Idempotency-Key"),
								exchange.getRequestHeaders().getFirst("Authorization"), body));
					}
					byte[] bytes = api.answer.getBytes(StandardCharsets.UTF_8);
					exchange.getResponseHeaders().add("Content-Type", "application/json");
					if (api.retryAfter != null) {
						exchange.getResponseHeaders().add("Retry-After", api.retryAfter);
					}
					exchange.sendResponseHeaders(api.status, bytes.length);
					exchange.getResponseBody().write(bytes);
					exchange.close();
				});
				server.start();
				instance = api;
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return instance;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** What every call answers from now on. */
	public void answer(String json) {
		answer(200, json, null);
	}

	/** An answer with this status and, when not null, a Retry-After header. */
	public void answer(int status, String json, String retryAfter) {
		this.status = status;
		this.answer = json;
		this.retryAfter = retryAfter;
	}

	public List<Received> received() {
		return List.copyOf(received);
	}

	public void reset() {
		received.clear();
		answer("{}");
	}
}
