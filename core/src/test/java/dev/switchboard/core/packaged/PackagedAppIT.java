package dev.switchboard.core.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app as a user runs it: embedded PostgreSQL in a data directory, conversations that survive a
 * restart, a generated admin key that is printed once and kept.
 */
class PackagedAppIT {

	@TempDir
	Path dataDir;

	@Test
	void should_keep_conversations_across_a_restart() throws Exception {
		String conversation;
		try (PackagedApp app = PackagedApp.start(dataDir, Map.of())) {
			conversation = as(app).body(Map.of("title", "before restart")).post("/api/v1/conversations").then()
					.statusCode(201).extract().path("id");
			as(app).body(Map.of("parts", List.of(Map.of("type", "text", "text", "remember me"))))
					.post("/api/v1/conversations/" + conversation + "/messages").then().statusCode(202);
			awaitAnswerRecorded(app, conversation);
		}
		try (PackagedApp app = PackagedApp.start(dataDir, Map.of())) {
			as(app).get("/api/v1/conversations/" + conversation).then().statusCode(200)
					.body("title", equalTo("before restart"))
					.body("messages", hasSize(2))
					.body("messages[0].parts[0].text", equalTo("remember me"))
					.body("messages[1].status", equalTo("failed"))
					.body("messages[1].errorCode", equalTo("no_model_configured"));
			assertThat(app.log()).contains("(existing)");
		}
	}

	@Test
	void should_generate_the_admin_key_once_and_keep_it() throws Exception {
		String key;
		try (PackagedApp app = PackagedApp.start(dataDir, Map.of("SWITCHBOARD_ADMIN_API_KEY", ""))) {
			key = Files.readString(dataDir.resolve("admin-api-key")).trim();
			assertThat(app.log()).contains("Generated the admin API key").contains(key);
			given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + key).get("/api/v1/conversations").then()
					.statusCode(200);
		}
		try (PackagedApp app = PackagedApp.start(dataDir, Map.of("SWITCHBOARD_ADMIN_API_KEY", ""))) {
			assertThat(app.log()).doesNotContain(key);
			given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + key).get("/api/v1/conversations").then()
					.statusCode(200);
		}
	}

	private static void awaitAnswerRecorded(PackagedApp app, String conversation) throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			int messages = as(app).get("/api/v1/conversations/" + conversation).then().extract().path("messages.size()");
			if (messages == 2) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("the answer was not recorded");
	}

	private static RequestSpecification as(PackagedApp app) {
		return given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + PackagedApp.ADMIN_KEY)
				.contentType(ContentType.JSON);
	}
}
