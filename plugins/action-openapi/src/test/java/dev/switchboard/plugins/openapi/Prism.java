package dev.switchboard.plugins.openapi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stoplight Prism mocking a real OpenAPI document from {@code @readme/oas-examples}, both installed into
 * {@code target/npm} by the build. Prism checks every request against the document: an invalid one is answered 422
 * (or the document's own 400) with its findings in an {@code sl-violations} header or a problem body.
 */
final class Prism implements AutoCloseable {

	private static final long READY_WITHIN_SECONDS = 60;

	private final Process process;
	private final int port;

	private Prism(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** A document from {@code @readme/oas-examples}, e.g. {@code 3.0/json/petstore.json}. */
	static Path example(String relative) {
		return npmModule("@readme/oas-examples").resolve(relative);
	}

	static String exampleText(String relative) {
		try {
			return Files.readString(example(relative));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Starts Prism mocking the document on a free local port; returns once it listens. */
	static Prism mock(Path document) {
		int port = freePort();
		ProcessBuilder builder = new ProcessBuilder("node",
				npmModule("@stoplight/prism-cli").resolve("dist/index.js").toString(), "mock", document.toString(),
				"-h", "127.0.0.1", "-p", Integer.toString(port)).redirectErrorStream(true);
		try {
			Process process = builder.start();
			awaitListening(process);
			return new Prism(process, port);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Prism serves the document's paths at its root, whatever the document's servers say. */
	String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(10, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
	}

	private static Path npmModule(String name) {
		Path module = Path.of(System.getProperty("npm.modules", "target/npm/node_modules")).resolve(name);
		if (!Files.isDirectory(module)) {
			throw new IllegalStateException(module + " is missing: the build installs it (mvn verify)");
		}
		return module.toAbsolutePath();
	}

	// Prism logs "Prism is listening on ..." once ready; wait for that line, within a bound, then keep draining.
	private static void awaitListening(Process process) {
		BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		CompletableFuture<Void> listening = CompletableFuture.runAsync(() -> {
			try {
				String line;
				while ((line = output.readLine()) != null) {
					if (line.contains("Prism is listening")) {
						return;
					}
				}
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			throw new IllegalStateException("Prism exited before listening");
		});
		try {
			listening.get(READY_WITHIN_SECONDS, TimeUnit.SECONDS);
		} catch (Exception e) {
			process.destroyForcibly();
			throw new IllegalStateException("Prism did not start listening", e);
		}
		Thread.ofVirtual().start(() -> {
			try {
				while (output.readLine() != null) {
					// Keep the pipe empty so Prism never blocks on a full stdout.
				}
			} catch (IOException closed) {
				// Prism stopped.
			}
		});
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
