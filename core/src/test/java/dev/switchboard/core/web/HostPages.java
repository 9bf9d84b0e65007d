package dev.switchboard.core.web;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A customer's site: serves host pages from its own origin (127.0.0.1 on another port than the app, which the pages
 * reach as localhost), so every widget call is a real cross-origin request under the browser's CORS rules.
 */
final class HostPages {

	private static HostPages instance;

	private final HttpServer server;
	private final Map<String, String> pages = new ConcurrentHashMap<>();

	private HostPages() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.createContext("/", exchange -> {
			String page = pages.get(exchange.getRequestURI().getPath());
			byte[] body = (page == null ? "not found" : page).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", page == null ? "text/plain" : "text/html; charset=utf-8");
			exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
	}

	/** The one site for the test run; it stops with the JVM. */
	static synchronized HostPages get() {
		if (instance == null) {
			instance = new HostPages();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.server.stop(0)));
		}
		return instance;
	}

	String origin() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** Publishes a page and returns its URL. */
	String publish(String html) {
		String path = "/" + UUID.randomUUID() + ".html";
		pages.put(path, html);
		return origin() + path;
	}
}
