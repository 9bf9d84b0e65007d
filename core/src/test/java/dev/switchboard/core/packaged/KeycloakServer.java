package dev.switchboard.core.packaged;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.switchboard.core.support.TempDirs;
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

/**
 * A real Keycloak from its Maven Central distribution, in dev mode on 127.0.0.1 (one hostname everywhere, or the
 * issuer would differ), importing Switchboard's realm export from docker/keycloak.
 */
final class KeycloakServer implements AutoCloseable {

	private static final String CONSOLE_CLIENT = "switchboard-admin-console";

	private final Process process;
	private final int port;
	private final Path log;

	private KeycloakServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts Keycloak with the realm export, its admin console client also allowed to return to {@code consoleUrl}, as
	 * an operator registers their deployment's address.
	 */
	static KeycloakServer start(String consoleUrl) throws IOException, InterruptedException {
		Path home = Path.of(System.getProperty("switchboard.test.keycloak-home"));
		Path realm = Path.of(System.getProperty("switchboard.test.keycloak-realm"));
		// A fresh database each run, so the realm export is imported as it is now.
		TempDirs.delete(home.resolve("data").resolve("h2"));
		Path imports = home.resolve("data").resolve("import");
		Files.createDirectories(imports);
		ObjectMapper json = new ObjectMapper();
		JsonNode export = json.readTree(realm.toFile());
		for (JsonNode client : export.path("clients")) {
			if (CONSOLE_CLIENT.equals(client.path("clientId").asText())) {
				((ArrayNode) client.path("redirectUris")).add(consoleUrl + "*");
			}
		}
		json.writeValue(imports.resolve(realm.getFileName()).toFile(), export);
		home.resolve("bin").resolve("kc.sh").toFile().setExecutable(true);
		int port = freePort();
		Path log = Files.createTempFile("keycloak", ".log");
		ProcessBuilder builder = new ProcessBuilder(home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
				"--http-host=127.0.0.1", "--http-port=" + port, "--import-realm", "--health-enabled=true",
				"--http-management-port=" + freePort())
				.redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
		builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
		KeycloakServer server = new KeycloakServer(builder.start(), port, log);
		server.awaitRealm();
		return server;
	}

	String realmUrl() {
		return "http://127.0.0.1:" + port + "/realms/switchboard";
	}

	/** An access token by the resource owner password grant of the realm's script client. */
	String passwordGrant(String user, String password) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
				.newBuilder(URI.create(realmUrl() + "/protocol/openid-connect/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=switchboard-cli&username=" + user
						+ "&password=" + password + "&scope=openid"))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
		}
		return response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
	}

	private void awaitRealm() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newHttpClient();
		Instant deadline = Instant.now().plusSeconds(240);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Keycloak exited:\n" + Files.readString(log));
			}
			try {
				HttpResponse<String> response = client.send(HttpRequest.newBuilder(
						URI.create(realmUrl() + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			} catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("Keycloak was not ready within 240 s:\n" + Files.readString(log));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
	}
}
