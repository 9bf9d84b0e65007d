package dev.switchboard.core.chat;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;

import dev.switchboard.core.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every bad request gets problem+json with a stable code, leaks nothing, and stores nothing. */
@QuarkusTest
class BadInputTest {

	private static final byte[] PNG_HEADER = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	@Test
	void should_refuse_malformed_json() {
		String conversation = Api.newConversation();
		problem(Api.admin().body("{\"parts\":[{\"type\":\"text\",\"text\":\"hi\"}").post(messages(conversation)), 400,
				"malformed_json");
		problem(Api.admin().body("{\"parts\":\"hi\"}").post(messages(conversation)), 400, "malformed_json");
		assertNoMessages(conversation);
	}

	@Test
	void should_refuse_an_unknown_conversation() {
		problem(Api.admin().body(Api.text("hi")).post(messages("7d0e3f7e-0000-4000-8000-000000000000")), 404,
				"conversation_not_found");
		problem(Api.admin().get("/api/v1/conversations/7d0e3f7e-0000-4000-8000-000000000000"), 404,
				"conversation_not_found");
		problem(Api.admin().get("/api/v1/conversations/not-a-uuid"), 404, "not_found");
	}

	@Test
	void should_refuse_empty_and_unknown_parts() {
		String conversation = Api.newConversation();
		problem(Api.admin().body(Map.of("parts", List.of())).post(messages(conversation)), 400, "invalid_request");
		problem(Api.admin().body(Map.of("parts", List.of(Map.of("type", "text", "text", " ")))).post(messages(conversation)),
				400, "empty_text");
		problem(Api.admin().body(Map.of("parts", List.of(Map.of("type", "video")))).post(messages(conversation)), 400,
				"unknown_part_type");
		assertNoMessages(conversation);
	}

	@Test
	void should_refuse_an_oversized_message() {
		String conversation = Api.newConversation();
		problem(Api.admin().body(Api.text("x".repeat(32_001))).post(messages(conversation)), 413, "message_too_long");
		assertNoMessages(conversation);
	}

	@Test
	void should_refuse_oversized_unsupported_and_fake_images() {
		String conversation = Api.newConversation();
		byte[] big = new byte[5 * 1024 * 1024 + 1];
		System.arraycopy(PNG_HEADER, 0, big, 0, PNG_HEADER.length);
		problem(Api.admin().body(image("image/png", big)).post(messages(conversation)), 413, "image_too_large");
		problem(Api.admin().body(image("image/tiff", PNG_HEADER)).post(messages(conversation)), 415,
				"unsupported_image_type");
		problem(Api.admin().body(image("image/png", "GIF89a".getBytes())).post(messages(conversation)), 400,
				"invalid_image");
		problem(Api.admin().body(Map.of("parts", List.of(Map.of("type", "image", "mediaType", "image/png", "data", "%%%"))))
				.post(messages(conversation)), 400, "invalid_image");
		assertNoMessages(conversation);
	}

	@Test
	void should_refuse_an_unsupported_content_type() {
		String conversation = Api.newConversation();
		problem(Api.admin().contentType("text/plain").body("hi").post(messages(conversation)), 415,
				"unsupported_media_type");
		assertNoMessages(conversation);
	}

	@Test
	void should_refuse_a_bad_openai_request_in_both_formats() {
		Api.admin().body(Map.of("model", "auto", "messages", List.of())).post("/v1/chat/completions").then()
				.statusCode(400).contentType("application/problem+json").body("code", equalTo("invalid_request"))
				.body("error.code", equalTo("invalid_request")).body("error.message", containsString("messages"));
		Api.admin().body(Map.of("model", "auto", "messages", List.of(Map.of("role", "user", "content",
				List.of(Map.of("type", "image_url", "image_url", Map.of("url", "http://169.254.169.254/x.png")))))))
				.post("/v1/chat/completions").then().statusCode(400).body("error.message", containsString("data: URL"));
	}

	private static Map<String, Object> image(String mediaType, byte[] bytes) {
		return Map.of("parts", List.of(Map.of("type", "image", "mediaType", mediaType, "data",
				Base64.getEncoder().encodeToString(bytes))));
	}

	private static String messages(String conversation) {
		return "/api/v1/conversations/" + conversation + "/messages";
	}

	private static void problem(io.restassured.response.Response response, int status, String code) {
		ValidatableResponse then = response.then().statusCode(status).contentType("application/problem+json")
				.body("code", equalTo(code)).body("status", equalTo(status))
				.body("type", equalTo("https://switchboard.dev/problems/" + code));
		String body = response.asString();
		then.body(not(containsString("Exception")));
		org.assertj.core.api.Assertions.assertThat(body).doesNotContain("at dev.").doesNotContain("java.");
	}

	private static void assertNoMessages(String conversation) {
		Api.admin().get("/api/v1/conversations/" + conversation).then().statusCode(200).body("messages", hasSize(0));
	}
}
