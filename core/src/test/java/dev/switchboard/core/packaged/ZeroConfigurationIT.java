package dev.switchboard.core.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.core.database.EmbeddedDatabase;
import dev.switchboard.core.support.Sse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the packaged app picks up by itself: a local Ollama, and an external PostgreSQL when one is named. */
class ZeroConfigurationIT {

	@TempDir
	Path dataDir;

	@Test
	void should_detect_a_local_ollama_and_chat_with_its_first_model() throws Exception {
		HttpServer ollama = fakeOllama();
		try (PackagedApp app = PackagedApp.start(dataDir, Map.of("SWITCHBOARD_OLLAMA_DETECT", "true",
				"SWITCHBOARD_OLLAMA_URL", "http://127.0.0.1:" + ollama.getAddress().getPort()))) {
			given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + PackagedApp.ADMIN_KEY)
					.get("/api/v1/admin/backends").then().statusCode(200)
					.body("[0].source", equalTo("ollama-detected")).body("[0].model", equalTo("llama3.2:1b"));
			String conversation = given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + PackagedApp.ADMIN_KEY)
					.contentType("application/json").body(Map.of()).post("/api/v1/conversations").then().statusCode(201)
					.extract().path("id");
			String stream = given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + PackagedApp.ADMIN_KEY)
					.contentType("application/json").accept("text/event-stream")
					.body(Map.of("parts", List.of(Map.of("type", "text", "text", "hello"))))
					.post("/api/v1/conversations/" + conversation + "/messages").asString();
			assertThat(Sse.text(Sse.parse(stream))).isEqualTo("Hi from Ollama");
		} finally {
			ollama.stop(0);
		}
	}

	@Test
	void should_use_the_postgresql_named_by_the_environment() throws Exception {
		try (EmbeddedPostgres external = EmbeddedDatabase.start(Files.createTempDirectory("external-pg"))) {
			String url = "postgresql://127.0.0.1:" + external.getPort() + "/postgres";
			String conversation;
			try (PackagedApp app = PackagedApp.start(dataDir, Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", url,
					"QUARKUS_DATASOURCE_USERNAME", "postgres", "QUARKUS_DATASOURCE_PASSWORD", "postgres"))) {
				conversation = given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + PackagedApp.ADMIN_KEY)
						.contentType("application/json").body(Map.of("title", "stored outside")).post("/api/v1/conversations")
						.then().statusCode(201).extract().path("id");
			}
			assertThat(dataDir.resolve("postgres")).doesNotExist();
			try (Connection db = external.getPostgresDatabase().getConnection();
					ResultSet row = db.createStatement().executeQuery("SELECT title FROM conversation WHERE id = '" + conversation + "'")) {
				assertThat(row.next()).isTrue();
				assertThat(row.getString(1)).isEqualTo("stored outside");
			}
		}
	}

	/** Ollama's model list, and its OpenAI-compatible streaming Chat Completions, as Ollama serves them. */
	private static HttpServer fakeOllama() throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
		server.createContext("/api/tags", exchange -> {
			byte[] body = "{\"models\":[{\"name\":\"llama3.2:1b\",\"model\":\"llama3.2:1b\",\"size\":1321098329}]}"
					.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.createContext("/v1/chat/completions", exchange -> {
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				for (String chunk : List.of(
						"{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"llama3.2:1b\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi from\"},\"finish_reason\":null}]}",
						"{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"llama3.2:1b\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\" Ollama\"},\"finish_reason\":null}]}",
						"{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"llama3.2:1b\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"stop\"}]}",
						"{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"llama3.2:1b\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12}}")) {
					out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
					out.flush();
				}
				out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
			}
		});
		server.start();
		return server;
	}
}
