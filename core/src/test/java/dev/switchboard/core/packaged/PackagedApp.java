package dev.switchboard.core.packaged;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar}) as a user runs it: its own process,
 * embedded PostgreSQL in the given data directory, plugins from the build's plugins directory.
 */
final class PackagedApp implements AutoCloseable {

	static final String ADMIN_KEY = "packaged-test-admin-key";

	private final Process process;
	private final int port;
	private final Path log;

	private PackagedApp(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	static PackagedApp start(Path dataDir, Map<String, String> extraEnv) throws IOException, InterruptedException {
		return start(dataDir, freePort(), extraEnv);
	}

	/** Starts the app on a port chosen beforehand, e.g. one an OIDC client must know as its redirect URI. */
	static PackagedApp start(Path dataDir, int port, Map<String, String> extraEnv) throws IOException, InterruptedException {
		Path log = Files.createTempFile("switchboard-packaged", ".log");
		ProcessBuilder builder = builder(dataDir, extraEnv).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("PORT", Integer.toString(port));
		PackagedApp app = new PackagedApp(builder.start(), port, log);
		app.awaitReady();
		return app;
	}

	/** Runs the packaged app as a one-off command (e.g. {@code rotate-master-key}) and returns its process. */
	static Process command(Path dataDir, Map<String, String> extraEnv, String... args) throws IOException {
		return builder(dataDir, extraEnv, args).redirectErrorStream(true).start();
	}

	/** {@code java -jar} the packaged app over a data directory, as a user would run it. */
	private static ProcessBuilder builder(Path dataDir, Map<String, String> extraEnv, String... args) {
		java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
		command.addAll(java.util.List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("SWITCHBOARD_DATA_DIR", dataDir.toString());
		builder.environment().put("SWITCHBOARD_PLUGINS_DIR", System.getProperty("switchboard.test.plugins-dir", "../target/plugins"));
		builder.environment().put("SWITCHBOARD_ADMIN_API_KEY", ADMIN_KEY);
		builder.environment().put("SWITCHBOARD_OLLAMA_DETECT", "false");
		builder.environment().putAll(extraEnv);
		return builder;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	String log() throws IOException {
		return Files.readString(log);
	}

	long pid() {
		return process.pid();
	}

	private void awaitReady() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newHttpClient();
		Instant deadline = Instant.now().plusSeconds(90);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("the app exited with " + process.exitValue() + ":\n" + log());
			}
			try {
				HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
						.timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return;
				}
			} catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("the app was not ready within 90 s:\n" + log());
	}

	/** Stops the app the way an operator does (SIGTERM) and waits for it to exit. */
	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
