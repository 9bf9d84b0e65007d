package dev.switchboard.core.action;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.FakeUpstreamResource;
import dev.switchboard.core.support.LedgerApi;
import dev.switchboard.core.support.Sse;
import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import dev.switchboard.sdk.testkit.openai.Reply;
import dev.switchboard.sdk.testkit.openai.Reply.ScriptedToolCall;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/**
 * A verified widget user's identity token: its attributes drive the tenant's routing rules, and a connector that
 * declared it acts as the user receives the token — and no other connector does.
 */
@QuarkusTest
class EndUserIdentityTest {

	private static final String TENANT = "act-as-user";
	private static final String PAGE = "https://app.ledger.example";

	@Test
	void should_route_by_the_tokens_attributes_and_forward_the_token_only_to_a_connector_that_declared_it() throws Exception {
		FakeOpenAiUpstream model = FakeUpstreamResource.upstream();
		LedgerApi ledger = LedgerApi.get();
		model.reset();
		ledger.reset();
		Api.admin().body(Map.of("id", TENANT, "name", TENANT)).post("/api/v1/admin/tenants");
		Api.admin(TENANT).body(Map.of("factoryId", "openai", "config", Map.of("baseUrl", model.baseUrl(), "model",
				"agent-model", "capabilities", "streaming,tools"))).put("/api/v1/admin/backends/agent").then().statusCode(200);
		// Only enterprise users get actions: "hello" alone would be a small-talk turn.
		Api.admin(TENANT).body(Map.of("roles", Map.of("action", Map.of("backends", List.of("agent"))),
				"rules", List.of(Map.of("if", Map.of("userTier", "enterprise"), "route", "action"))))
				.put("/api/v1/admin/routing").then().statusCode(200);
		Api.admin(TENANT).body(Map.of("factoryId", "ledger", "allowPrivateNetwork", true, "config",
				Map.of("baseUrl", ledger.baseUrl(), "actAsUser", "true"))).put("/api/v1/admin/connectors/mine").then()
				.statusCode(200).body("receivesEndUserIdentity", equalTo(true));
		Api.admin(TENANT).body(Map.of()).put("/api/v1/admin/connectors/mine/actions/ledger_get_balance").then().statusCode(200);
		Api.admin(TENANT).body(Map.of("allowedOrigins", List.of(PAGE))).put("/api/v1/admin/widget").then().statusCode(200);
		String widget = Api.admin(TENANT).get("/api/v1/admin/widget").then().extract().path("publicId");
		String secret = Api.admin(TENANT).body(Map.of("overlapHours", 0)).post("/api/v1/admin/widget/identity-secret")
				.then().statusCode(200).extract().path("secret");
		long now = System.currentTimeMillis() / 1000;
		JwtClaims claims = new JwtClaims();
		claims.setSubject("ada");
		claims.setIssuedAt(NumericDate.fromSeconds(now));
		claims.setExpirationTime(NumericDate.fromSeconds(now + 600));
		claims.setClaim("attributes", Map.of("userTier", "enterprise"));
		String identityToken = hs256(secret, claims);
		String session = given().contentType(ContentType.JSON).header("Origin", PAGE)
				.body(Map.of("widgetId", widget, "identityToken", identityToken)).post("/api/v1/widget/sessions").then()
				.statusCode(201).extract().path("token");
		String conversation = as(session).body(Map.of()).post("/api/v1/conversations").then().statusCode(201)
				.extract().path("id");

		as(session).body(Map.of("parts", List.of(Map.of("type", "text", "text", "hello")), "attributes",
				Map.of("userTier", "enterprise"))).post("/api/v1/conversations/" + conversation + "/messages").then()
				.statusCode(400).body("code", equalTo("attributes_not_allowed"));

		model.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_1", "ledger_get_balance", "{\"account\":\"A-1\"}")))
				.enqueue(Reply.text("Here it is."));
		List<Sse.Event> events = Sse.parse(as(session).accept("text/event-stream").body(Api.text("hello"))
				.post("/api/v1/conversations/" + conversation + "/messages").then().statusCode(200).extract().asString());

		assertThat(Sse.text(events)).isEqualTo("Here it is.");
		assertThat(model.requests().get(0).body().path("tools").toString()).contains("ledger_get_balance");
		assertThat(ledger.received()).singleElement()
				.satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer " + identityToken));
		// The token never reaches the model.
		assertThat(model.requests().toString()).doesNotContain(identityToken);

		// The same connector without the declaration gets no token.
		ledger.reset();
		model.reset();
		Api.admin(TENANT).body(Map.of("factoryId", "ledger", "allowPrivateNetwork", true, "config",
				Map.of("baseUrl", ledger.baseUrl()))).put("/api/v1/admin/connectors/mine").then().statusCode(200);
		Api.admin(TENANT).body(Map.of()).put("/api/v1/admin/connectors/mine/actions/ledger_get_balance").then().statusCode(200);
		model.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_2", "ledger_get_balance", "{\"account\":\"A-1\"}")))
				.enqueue(Reply.text("Again."));
		Sse.parse(as(session).accept("text/event-stream").body(Api.text("hello"))
				.post("/api/v1/conversations/" + conversation + "/messages").then().statusCode(200).extract().asString());
		assertThat(ledger.received()).singleElement().satisfies(request -> assertThat(request.authorization()).isNull());
	}

	private static RequestSpecification as(String session) {
		return given().header("Authorization", "Bearer " + session).header("Origin", PAGE).contentType(ContentType.JSON);
	}

	private static String hs256(String secret, JwtClaims claims) throws Exception {
		JsonWebSignature jws = new JsonWebSignature();
		jws.setPayload(claims.toJson());
		jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
		jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
		return jws.getCompactSerialization();
	}
}
