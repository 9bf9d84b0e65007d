package dev.switchboard.core.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master key rotation command reseals stored secrets so the old key can be retired. */
class MasterKeyRotationIT {

	@TempDir
	Path dataDir;

	@Test
	void should_reseal_secrets_under_the_new_master_key() throws Exception {
		String oldKey = newKey();
		String newKey = newKey();
		try (PackagedApp app = PackagedApp.start(dataDir, Map.of("SWITCHBOARD_MASTER_KEY", oldKey))) {
			given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + PackagedApp.ADMIN_KEY)
					.contentType("application/json").body(Map.of("allowedOrigins", List.of("https://a.example")))
					.put("/api/v1/admin/widget").then().statusCode(200);
			given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + PackagedApp.ADMIN_KEY)
					.contentType("application/json").body(Map.of()).post("/api/v1/admin/widget/identity-secret").then()
					.statusCode(200).body("secret", notNullValue());
		}
		Process rotation = PackagedApp.command(dataDir, Map.of("SWITCHBOARD_MASTER_KEY", newKey,
				"SWITCHBOARD_PREVIOUS_MASTER_KEYS", oldKey), "rotate-master-key");
		assertThat(rotation.waitFor()).isZero();
		assertThat(new String(rotation.getInputStream().readAllBytes())).contains("Resealed 1 secrets");

		// Only the new key now: the identity secret still opens, so identity tokens keep verifying.
		try (PackagedApp app = PackagedApp.start(dataDir, Map.of("SWITCHBOARD_MASTER_KEY", newKey))) {
			String widget = given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + PackagedApp.ADMIN_KEY)
					.get("/api/v1/admin/widget").then().statusCode(200).body("identitySecretSet", equalTo(true))
					.extract().path("publicId");
			given().baseUri(app.baseUrl()).contentType("application/json").header("Origin", "https://a.example")
					.body(Map.of("widgetId", widget, "identityToken", "a.b.c")).post("/api/v1/widget/sessions").then()
					.statusCode(401).body("code", equalTo("identity_token_malformed"));
			assertThat(app.log()).doesNotContain("does not decrypt").doesNotContain("neither the current");
		}
	}

	private static String newKey() {
		byte[] raw = new byte[32];
		new SecureRandom().nextBytes(raw);
		return Base64.getEncoder().encodeToString(raw);
	}
}
