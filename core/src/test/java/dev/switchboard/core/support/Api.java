package dev.switchboard.core.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** Requests as the bootstrap admin, and small helpers the API tests share. */
public final class Api {

	public static final String ADMIN_KEY = "test-admin-key";

	private Api() {
	}

	public static RequestSpecification admin() {
		return given().header("Authorization", "Bearer " + ADMIN_KEY).contentType(ContentType.JSON);
	}

	public static RequestSpecification admin(String tenant) {
		return admin().header("X-Switchboard-Tenant", tenant);
	}

	/** Creates a conversation in the default tenant and returns its id. */
	public static String newConversation() {
		return admin().body(Map.of("title", "test")).post("/api/v1/conversations").then().statusCode(201).extract()
				.path("id");
	}

	/** A user message of one text part. */
	public static Map<String, Object> text(String text) {
		return Map.of("parts", java.util.List.of(Map.of("type", "text", "text", text)));
	}
}
