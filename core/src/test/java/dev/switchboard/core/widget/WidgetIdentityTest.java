package dev.switchboard.core.widget;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.switchboard.core.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Widget visitors: allowed origins, verified identity tokens and what each visitor can see. */
@QuarkusTest
class WidgetIdentityTest {

	private static final String PAGE = "https://app.acme.example";
	private static final String OTHER_PAGE = "https://evil.example";

	private String widgetA;
	private String secretA;
	private String secretB;

	@BeforeEach
	void widgets() {
		for (String tenant : List.of("widget-a", "widget-b")) {
			Api.admin().body(Map.of("id", tenant, "name", tenant)).post("/api/v1/admin/tenants");
			Api.admin(tenant).body(Map.of("allowedOrigins", List.of(PAGE))).put("/api/v1/admin/widget").then().statusCode(200);
		}
		widgetA = Api.admin("widget-a").get("/api/v1/admin/widget").then().statusCode(200).extract().path("publicId");
		secretA = rotate("widget-a", 24);
		secretB = rotate("widget-b", 24);
	}

	@Test
	void should_open_sessions_only_from_allowed_origins() {
		open(widgetA, PAGE, null).statusCode(201).body("token", startsWith("sbw_")).body("endUser.verified", equalTo(false));
		open(widgetA, OTHER_PAGE, null).statusCode(403).body("code", equalTo("origin_not_allowed"));
		open(widgetA, null, null).statusCode(403).body("code", equalTo("origin_not_allowed"));
		open("wgt_unknown", PAGE, null).statusCode(404).body("code", equalTo("widget_not_found"));
	}

	@Test
	void should_verify_users_and_refuse_every_bad_token_with_its_reason() throws Exception {
		long now = System.currentTimeMillis() / 1000;
		open(widgetA, PAGE, hs256(secretA, claims("42", now, now + 600))).statusCode(201)
				.body("endUser.id", equalTo("user-42")).body("endUser.verified", equalTo(true))
				.body("endUser.email", equalTo("ada@acme.example"));
		open(widgetA, PAGE, hs256("a-different-secret-of-enough-length-1234", claims("42", now, now + 600)))
				.statusCode(401).body("code", equalTo("identity_token_signature"));
		open(widgetA, PAGE, hs256(secretB, claims("42", now, now + 600))).statusCode(401)
				.body("code", equalTo("identity_token_signature"));
		open(widgetA, PAGE, unsigned(claims("42", now, now + 600))).statusCode(401)
				.body("code", equalTo("identity_token_algorithm"));
		open(widgetA, PAGE, signed(AlgorithmIdentifiers.HMAC_SHA512, (secretA + secretA).getBytes(StandardCharsets.UTF_8),
				claims("42", now, now + 600))).statusCode(401).body("code", equalTo("identity_token_algorithm"));
		open(widgetA, PAGE, hs256(secretA, claims("42", now - 7200, now - 3600))).statusCode(401)
				.body("code", equalTo("identity_token_expired"));
		open(widgetA, PAGE, hs256(secretA, claims("42", now + 3600, now + 7200))).statusCode(401)
				.body("code", equalTo("identity_token_issued_in_future"));
		open(widgetA, PAGE, hs256(secretA, claims("42", now, now + 3 * 24 * 3600))).statusCode(401)
				.body("code", equalTo("identity_token_expiry"));
		open(widgetA, PAGE, hs256(secretA, claims(null, now, now + 600))).statusCode(401)
				.body("code", equalTo("identity_token_subject"));
		open(widgetA, PAGE, "not.a.jwt").statusCode(401);
	}

	@Test
	void should_keep_the_previous_secret_for_the_overlap_window_only() throws Exception {
		long now = System.currentTimeMillis() / 1000;
		String old = secretA;
		String current = rotate("widget-a", 1);
		open(widgetA, PAGE, hs256(old, claims("7", now, now + 600))).statusCode(201);
		open(widgetA, PAGE, hs256(current, claims("7", now, now + 600))).statusCode(201);
		String newest = rotate("widget-a", 0);
		open(widgetA, PAGE, hs256(current, claims("7", now, now + 600))).statusCode(401)
				.body("code", equalTo("identity_token_signature"));
		open(widgetA, PAGE, hs256(newest, claims("7", now, now + 600))).statusCode(201);
	}

	@Test
	void should_show_a_verified_user_their_conversations_on_every_device_and_nothing_else() throws Exception {
		long now = System.currentTimeMillis() / 1000;
		String subject = "user-" + System.nanoTime();
		String laptop = session(hs256(secretA, claims(subject, now, now + 600)));
		String phone = session(hs256(secretA, claims(subject, now, now + 600)));
		String stranger = session(null);
		String operatorConversation = Api.admin("widget-a").body(Map.of("title", "operator")).post("/api/v1/conversations")
				.then().statusCode(201).extract().path("id");

		String mine = as(laptop).body(Map.of("title", "mine")).post("/api/v1/conversations").then().statusCode(201)
				.extract().path("id");
		as(phone).get("/api/v1/conversations").then().statusCode(200).body("id", hasItem(mine)).body("$", hasSize(1));
		as(phone).get("/api/v1/conversations/" + mine).then().statusCode(200);
		as(stranger).get("/api/v1/conversations").then().statusCode(200).body("$", hasSize(0));
		as(stranger).get("/api/v1/conversations/" + mine).then().statusCode(404);
		as(stranger).body(Api.text("hi")).post("/api/v1/conversations/" + mine + "/messages").then().statusCode(404);
		as(laptop).get("/api/v1/conversations/" + operatorConversation).then().statusCode(404);
		as(laptop).header("X-Switchboard-Tenant", "widget-b").get("/api/v1/conversations").then().statusCode(403);
		as(laptop).get("/api/v1/admin/widget").then().statusCode(403);
		as(laptop).get("/v1/models").then().statusCode(403);
		Api.admin("widget-a").get("/api/v1/conversations/" + mine).then().statusCode(200);
	}

	@Test
	void should_refuse_a_session_token_used_from_another_origin() {
		String token = session(null);
		given().header("Authorization", "Bearer " + token).header("Origin", OTHER_PAGE).get("/api/v1/conversations")
				.then().statusCode(401);
	}

	@Test
	void should_answer_cors_preflights_for_allowed_origins_only() {
		given().header("Origin", PAGE).header("Access-Control-Request-Method", "POST")
				.header("Access-Control-Request-Headers", "authorization, content-type").options("/api/v1/widget/sessions")
				.then().statusCode(204).header("Access-Control-Allow-Origin", PAGE)
				.header("Access-Control-Allow-Headers", org.hamcrest.Matchers.containsString("Authorization"));
		given().header("Origin", OTHER_PAGE).header("Access-Control-Request-Method", "POST")
				.options("/api/v1/widget/sessions").then().statusCode(403)
				.header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
	}

	@Test
	void should_refuse_origins_that_are_not_origins() {
		Api.admin("widget-a").body(Map.of("allowedOrigins", List.of("https://ok.example", "https://x.example/path", "*")))
				.put("/api/v1/admin/widget").then().statusCode(400).body("errors.size()", equalTo(2));
		Api.admin("widget-a").get("/api/v1/admin/widget").then().body("allowedOrigins", equalTo(List.of(PAGE)))
				.body(not(org.hamcrest.Matchers.containsString(secretA)));
	}

	private String session(String identityToken) {
		return open(widgetA, PAGE, identityToken).statusCode(201).extract().path("token");
	}

	private static RequestSpecification as(String token) {
		return given().header("Authorization", "Bearer " + token).header("Origin", PAGE).contentType(ContentType.JSON);
	}

	private static ValidatableResponse open(String widget, String origin, String token) {
		RequestSpecification request = given().contentType(ContentType.JSON);
		if (origin != null) {
			request.header("Origin", origin);
		}
		Map<String, Object> body = token == null ? Map.of("widgetId", widget) : Map.of("widgetId", widget, "identityToken", token);
		return request.body(body).post("/api/v1/widget/sessions").then();
	}

	private static String rotate(String tenant, int overlapHours) {
		return Api.admin(tenant).body(Map.of("overlapHours", overlapHours)).post("/api/v1/admin/widget/identity-secret")
				.then().statusCode(200).extract().path("secret");
	}

	private static JwtClaims claims(String subject, long issuedAt, long expires) {
		JwtClaims claims = new JwtClaims();
		if (subject != null) {
			claims.setSubject(subject);
		}
		claims.setIssuedAt(NumericDate.fromSeconds(issuedAt));
		claims.setExpirationTime(NumericDate.fromSeconds(expires));
		claims.setClaim("email", "ada@acme.example");
		claims.setClaim("name", "Ada");
		return claims;
	}

	private static String hs256(String secret, JwtClaims claims) throws Exception {
		return signed(AlgorithmIdentifiers.HMAC_SHA256, secret.getBytes(StandardCharsets.UTF_8), claims);
	}

	private static String signed(String alg, byte[] key, JwtClaims claims) throws Exception {
		JsonWebSignature jws = new JsonWebSignature();
		jws.setPayload(claims.toJson());
		jws.setAlgorithmHeaderValue(alg);
		jws.setKey(new HmacKey(key));
		return jws.getCompactSerialization();
	}

	/** {@code alg: none}, the oldest JWT forgery. */
	private static String unsigned(JwtClaims claims) {
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ b64.encodeToString(claims.toJson().getBytes(StandardCharsets.UTF_8)) + ".";
	}
}
