package dev.switchboard.plugins.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code @modelcontextprotocol/server-everything} npm package, installed into {@code target/npm} by the
 * build. Run over stdio by the connector itself, or over Streamable HTTP as a child process started here.
 */
final class ServerEverything implements AutoCloseable {

	private static final long READY_WITHIN_SECONDS = 60;

	private final Process process;
	private final int port;

	private ServerEverything(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** The server's entry script. */
	static Path script() {
		Path script = Path.of(System.getProperty("npm.modules", "target/npm/node_modules"))
				.resolve("@modelcontextprotocol/server-everything/dist/index.js");
		if (!Files.isRegularFile(script)) {
			throw new IllegalStateException(script + " is missing: the build installs it (mvn verify)");
		}
		return script.toAbsolutePath();
	}

	/** Node's arguments that run the server over stdio. */
	static List<String> stdioArgs() {
		return List.of(script().toString(), "stdio");
	}

	/** Starts the server in Streamable HTTP mode on a free port and returns once it listens. */
	static ServerEverything startStreamableHttp() {
		int port = freePort();
		ProcessBuilder builder = new ProcessBuilder("node", script().toString(), "streamableHttp");
		builder.environment().put("PORT", Integer.toString(port));
		builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		try {
			Process process = builder.start();
			awaitListening(process);
			return new ServerEverything(process, port);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The MCP endpoint. */
	String url() {
		return "http://127.0.0.1:" + port + "/mcp";
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(10, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
	}

	// The server announces "listening on port N" on stderr; wait for that line, within a bound, then keep draining.
	private static void awaitListening(Process process) {
		BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
		CompletableFuture<Void> listening = CompletableFuture.runAsync(() -> {
			try {
				String line;
				while ((line = stderr.readLine()) != null) {
					if (line.contains("listening on port")) {
						return;
					}
				}
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			throw new IllegalStateException("server-everything exited before listening");
		});
		try {
			listening.get(READY_WITHIN_SECONDS, TimeUnit.SECONDS);
		} catch (Exception e) {
			process.destroyForcibly();
			throw new IllegalStateException("server-everything did not start listening", e);
		}
		Thread.ofVirtual().start(() -> drain(stderr));
	}

	private static void drain(BufferedReader stderr) {
		try {
			while (stderr.readLine() != null) {
				// Keep the pipe empty so the server never blocks on a full stderr.
			}
		} catch (IOException closed) {
			// The server stopped.
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
