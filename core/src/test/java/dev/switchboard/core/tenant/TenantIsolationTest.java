package dev.switchboard.core.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tenant B's credentials of every kind try every read and write endpoint on tenant A's data, by id and by naming
 * tenant A in the header. None may succeed, and none may see A's data.
 */
@QuarkusTest
class TenantIsolationTest {

	private static final String PAGE = "https://b.example";
	/** The smallest valid PNG: a 1x1 transparent pixel. */
	private static final String PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

	private static final String LEAKED_TOKEN = "leaked-approval-token";

	@Inject
	Pool pool;

	@Test
	void should_let_no_credential_of_tenant_b_reach_tenant_a() {
		for (String tenant : List.of("iso-a", "iso-b")) {
			Api.admin().body(Map.of("id", tenant, "name", tenant)).post("/api/v1/admin/tenants");
		}
		// Tenant A's data.
		String conversation = Api.admin("iso-a").body(Map.of("title", "secret plans")).post("/api/v1/conversations")
				.then().statusCode(201).extract().path("id");
		Map<String, Object> image = Map.of("parts", List.of(Map.of("type", "text", "text", "look"),
				Map.of("type", "image", "mediaType", "image/png", "data", PIXEL)));
		String run = Api.admin("iso-a").body(image).post("/api/v1/conversations/" + conversation + "/messages").then()
				.statusCode(202).extract().path("runId");
		String attachment = Api.admin("iso-a").get("/api/v1/conversations/" + conversation).then().statusCode(200)
				.extract().path("messages[0].parts[1].attachmentId");
		// A proposed action of tenant A, with a token tenant B has somehow learned.
		String invocation = UUID.randomUUID().toString();
		pool.preparedQuery("INSERT INTO action_invocation (id, tenant_id, conversation_id, run_id, connector, action, effect, "
				+ "tool_call_id, arguments, arguments_sealed, arguments_hash, status, approval_token_hash, expires_at, "
				+ "idempotency_key, created_at, updated_at) VALUES ($1, 'iso-a', $2, $3, 'books', 'ledger_delete_account', "
				+ "'DESTRUCTIVE', 'call_1', '{}'::jsonb, 'x', 'x', 'proposed', $4, now() + interval '1 hour', $1, now(), now())")
				.execute(Tuple.of(UUID.fromString(invocation), UUID.fromString(conversation), UUID.fromString(run),
						sha256(LEAKED_TOKEN))).await().indefinitely();
		// A form tenant A's connector stored (as the forms plugin does, through the host's record store).
		String record = UUID.randomUUID().toString();
		pool.preparedQuery("INSERT INTO connector_record (id, tenant_id, connector, kind, record_key, end_user_id, body, "
				+ "created_at) VALUES ($1, 'iso-a', 'intake', 'callback', 'sub_1', 'user-a', "
				+ "'{\"data\": {\"note\": \"secret plans\"}}'::jsonb, now())").execute(Tuple.of(UUID.fromString(record)))
				.await().indefinitely();
		// A call of one of tenant A's client-side tools, waiting for the browser's result.
		pool.preparedQuery("INSERT INTO client_tool_call (id, tenant_id, conversation_id, run_id, tool_call_id, name, "
				+ "arguments, status, created_at) VALUES ($1, 'iso-a', $2, $3, 'call_page', 'get_cart_total', '{}', "
				+ "'pending', now())").execute(Tuple.of(UUID.randomUUID(), UUID.fromString(conversation),
						UUID.fromString(run))).await().indefinitely();
		String keyA = Api.admin("iso-a").body(Map.of("name", "a", "scope", "chat")).post("/api/v1/admin/api-keys").then()
				.statusCode(201).extract().path("apiKey.id");

		// Tenant B's credentials of each kind.
		Map<String, String> credentials = new LinkedHashMap<>();
		credentials.put("api key (chat)", key("chat"));
		credentials.put("api key (admin)", key("admin"));
		Api.admin("iso-b").body(Map.of("allowedOrigins", List.of(PAGE))).put("/api/v1/admin/widget").then().statusCode(200);
		String widgetB = Api.admin("iso-b").get("/api/v1/admin/widget").then().extract().path("publicId");
		credentials.put("widget session", given().contentType(ContentType.JSON).header("Origin", PAGE)
				.body(Map.of("widgetId", widgetB)).post("/api/v1/widget/sessions").then().statusCode(201).extract().path("token"));

		List<String> succeeded = new ArrayList<>();
		int attempts = 0;
		for (var credential : credentials.entrySet()) {
			for (String header : new String[] { null, "iso-a" }) {
				// Without naming tenant A, only A's ids make an attempt cross-tenant; naming A, everything does.
				List<Attempt> targeted = header == null ? byId(conversation, run, attachment, keyA, invocation, record)
						: concat(byId(conversation, run, attachment, keyA, invocation, record), tenantWide());
				for (Attempt attempt : targeted) {
					Response response = attempt.send(as(credential.getValue(), header));
					attempts++;
					String body = response.asString();
					boolean stream = String.valueOf(response.contentType()).startsWith("text/event-stream");
					boolean leaked = stream ? !body.contains("\"type\":\"RUN_ERROR\"") || body.contains("RUN_STARTED")
							: response.statusCode() < 300;
					if (leaked || body.contains("secret plans")) {
						succeeded.add(credential.getKey() + (header == null ? "" : " naming iso-a") + ": " + attempt.name()
								+ " -> " + response.statusCode());
					}
				}
			}
		}
		System.out.printf("Tenant isolation: %d cross-tenant attempts, %d succeeded%n", attempts, succeeded.size());
		assertThat(succeeded).isEmpty();
		assertThat(attempts).isGreaterThanOrEqualTo(60);
		// A's data is intact.
		Api.admin("iso-a").get("/api/v1/conversations/" + conversation).then().statusCode(200);
		Api.admin("iso-a").get("/api/v1/admin/api-keys").then().body("find { it.id == '" + keyA + "' }.revokedAt",
				org.hamcrest.Matchers.nullValue());
		Api.admin("iso-a").get("/api/v1/admin/connectors/intake/records/" + record).then().statusCode(200)
				.body("data.data.note", org.hamcrest.Matchers.equalTo("secret plans"));
		Api.admin("iso-a").get("/api/v1/admin/records/retention").then().body("days", org.hamcrest.Matchers.equalTo(90));
		Api.admin("iso-a").get("/api/v1/admin/actions/invocations").then().body("find { it.id == '" + invocation + "' }.status",
				org.hamcrest.Matchers.equalTo("proposed"));
		assertThat(clientToolCallStatus(conversation, null)).isEqualTo("pending");
	}

	/**
	 * A client-side tool call belongs to the end user it was made for: another end user of the same tenant, a
	 * tenant-wide key, or the right user in another conversation cannot answer it; the right user can, once.
	 */
	@Test
	void should_let_only_the_end_user_a_client_tool_call_was_made_for_answer_it() {
		String tenant = "iso-users";
		Api.admin().body(Map.of("id", tenant, "name", tenant)).post("/api/v1/admin/tenants");
		Api.admin(tenant).body(Map.of("allowedOrigins", List.of(PAGE))).put("/api/v1/admin/widget").then().statusCode(200);
		String widget = Api.admin(tenant).get("/api/v1/admin/widget").then().extract().path("publicId");
		String alice = widgetSession(widget);
		String mallory = widgetSession(widget);
		String conversation = as(alice, null).body(Map.of()).post("/api/v1/conversations").then().statusCode(201)
				.extract().path("id");
		String other = as(alice, null).body(Map.of()).post("/api/v1/conversations").then().statusCode(201)
				.extract().path("id");
		// Alice's turn (the tenant has no model, so it ends at once with an error) is the one the call continues.
		as(alice, null).accept("text/event-stream").body(Api.text("what is in my cart?"))
				.post("/api/v1/conversations/" + conversation + "/messages").then().statusCode(200);
		String aliceId = pool.preparedQuery("SELECT end_user_id FROM conversation WHERE id = $1")
				.execute(Tuple.of(UUID.fromString(conversation))).await().indefinitely().iterator().next().getString(0);
		UUID aliceRun = pool.preparedQuery("SELECT id FROM run WHERE conversation_id = $1")
				.execute(Tuple.of(UUID.fromString(conversation))).await().indefinitely().iterator().next().getUUID(0);
		pool.preparedQuery("INSERT INTO client_tool_call (id, tenant_id, conversation_id, run_id, end_user_id, tool_call_id, "
				+ "name, arguments, status, created_at) VALUES ($1, $2, $3, $4, $5, 'call_cart', 'get_cart_total', '{}', "
				+ "'pending', now())").execute(Tuple.tuple(List.of(UUID.randomUUID(), tenant, UUID.fromString(conversation),
						aliceRun, aliceId))).await().indefinitely();
		String tenantKey = Api.admin(tenant).body(Map.of("name", "server", "scope", "chat")).post("/api/v1/admin/api-keys")
				.then().statusCode(201).extract().path("key");
		Map<String, Object> result = Map.of("toolCallId", "call_cart", "content", "{\"total\":1}");

		as(mallory, null).body(result).post("/api/v1/conversations/" + conversation + "/tool-results").then().statusCode(404);
		as(tenantKey, null).body(result).post("/api/v1/conversations/" + conversation + "/tool-results").then().statusCode(404)
				.body("code", org.hamcrest.Matchers.equalTo("tool_call_not_found"));
		as(alice, null).body(result).post("/api/v1/conversations/" + other + "/tool-results").then().statusCode(404);
		assertThat(clientToolCallStatus(conversation, aliceId)).isEqualTo("pending");

		as(alice, null).body(result).post("/api/v1/conversations/" + conversation + "/tool-results").then().statusCode(202);
		as(alice, null).body(result).post("/api/v1/conversations/" + conversation + "/tool-results").then().statusCode(409)
				.body("code", org.hamcrest.Matchers.equalTo("tool_call_not_pending"));
		assertThat(clientToolCallStatus(conversation, aliceId)).isEqualTo("answered");
	}

	private String clientToolCallStatus(String conversation, String endUserId) {
		return pool.preparedQuery("SELECT status FROM client_tool_call WHERE conversation_id = $1 AND "
				+ "end_user_id IS NOT DISTINCT FROM $2").execute(Tuple.of(UUID.fromString(conversation), endUserId))
				.await().indefinitely().iterator().next().getString(0);
	}

	private static String widgetSession(String widget) {
		return given().contentType(ContentType.JSON).header("Origin", PAGE).body(Map.of("widgetId", widget))
				.post("/api/v1/widget/sessions").then().statusCode(201).extract().path("token");
	}

	private static String sha256(String text) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		} catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private record Attempt(String name, java.util.function.Function<RequestSpecification, Response> call) {
		Response send(RequestSpecification request) {
			return call.apply(request);
		}
	}

	private static List<Attempt> concat(List<Attempt> a, List<Attempt> b) {
		List<Attempt> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	/** Attempts on tenant A's data by its ids. */
	private static List<Attempt> byId(String conversation, String run, String attachment, String keyA, String invocation,
			String record) {
		return List.of(
				new Attempt("read trace", r -> r.get("/api/v1/conversations/" + conversation + "/trace")),
				new Attempt("approve action", r -> r.body(Map.of("decision", "approve", "token", LEAKED_TOKEN))
						.post("/api/v1/conversations/" + conversation + "/approvals/" + invocation)),
				new Attempt("answer client tool", r -> r.body(Map.of("toolCallId", "call_page", "content", "{\"total\":0}"))
						.post("/api/v1/conversations/" + conversation + "/tool-results")),
				new Attempt("read conversation", r -> r.get("/api/v1/conversations/" + conversation)),
				new Attempt("watch conversation jobs", r -> r.accept("text/event-stream")
						.get("/api/v1/conversations/" + conversation + "/events")),
				new Attempt("post message", r -> r.body(Api.text("hi")).post("/api/v1/conversations/" + conversation + "/messages")),
				new Attempt("post message (stream)", r -> r.accept("text/event-stream").body(Api.text("hi"))
						.post("/api/v1/conversations/" + conversation + "/messages")),
				new Attempt("follow run", r -> r.get("/api/v1/runs/" + run + "/events")),
				new Attempt("read attachment", r -> r.get("/api/v1/attachments/" + attachment)),
				new Attempt("revoke api key", r -> r.delete("/api/v1/admin/api-keys/" + keyA)),
				new Attempt("read stored record", r -> r.get("/api/v1/admin/connectors/intake/records/" + record)),
				new Attempt("erase stored record", r -> r.delete("/api/v1/admin/connectors/intake/records/" + record)));
	}

	/** Attempts on tenant A as a whole; cross-tenant when the request names tenant A. */
	private static List<Attempt> tenantWide() {
		return List.of(
				new Attempt("list conversations", r -> r.get("/api/v1/conversations")),
				new Attempt("start conversation", r -> r.body(Map.of("title", "x")).post("/api/v1/conversations")),
				new Attempt("list backends", r -> r.get("/api/v1/admin/backends")),
				new Attempt("put backend", r -> r.body(Map.of("factoryId", "openai", "config", Map.of("model", "x")))
						.put("/api/v1/admin/backends/stolen")),
				new Attempt("delete backend", r -> r.delete("/api/v1/admin/backends/stolen")),
				new Attempt("list api keys", r -> r.get("/api/v1/admin/api-keys")),
				new Attempt("create api key", r -> r.body(Map.of("name", "x", "scope", "admin")).post("/api/v1/admin/api-keys")),
				new Attempt("read widget", r -> r.get("/api/v1/admin/widget")),
				new Attempt("set widget origins", r -> r.body(Map.of("allowedOrigins", List.of(PAGE))).put("/api/v1/admin/widget")),
				new Attempt("rotate identity secret", r -> r.body(Map.of()).post("/api/v1/admin/widget/identity-secret")),
				new Attempt("list tenants", r -> r.get("/api/v1/admin/tenants")),
				new Attempt("read usage", r -> r.get("/api/v1/admin/usage")),
				new Attempt("read limits", r -> r.get("/api/v1/admin/limits")),
				new Attempt("raise limits", r -> r.body(Map.of("requestsPerMinutePerUser", 9999, "requestsPerMinutePerKey", 9999))
						.put("/api/v1/admin/limits")),
				new Attempt("evaluate routing", r -> r.body(Map.of("messages", List.of(Map.of("text", "hi"))))
						.post("/api/v1/router/evaluate")),
				new Attempt("list plugins", r -> r.get("/api/v1/admin/plugins")),
				new Attempt("read routing", r -> r.get("/api/v1/admin/routing")),
				new Attempt("put routing", r -> r.body(Map.of("llmRouter", true)).put("/api/v1/admin/routing")),
				new Attempt("delete routing", r -> r.delete("/api/v1/admin/routing")),
				new Attempt("list connectors", r -> r.get("/api/v1/admin/connectors")),
				new Attempt("put connector", r -> r.body(Map.of("factoryId", "ledger", "config", Map.of("baseUrl",
						"http://127.0.0.1:9"))).put("/api/v1/admin/connectors/stolen")),
				new Attempt("enable action", r -> r.body(Map.of()).put("/api/v1/admin/connectors/books/actions/ledger_delete_account")),
				new Attempt("test connector", r -> r.post("/api/v1/admin/connectors/books/test")),
				new Attempt("read audit", r -> r.get("/api/v1/admin/actions/invocations")),
				new Attempt("list stored records", r -> r.get("/api/v1/admin/connectors/intake/records")),
				new Attempt("erase an end user's records", r -> r.delete("/api/v1/admin/records?endUser=user-a")),
				new Attempt("read record retention", r -> r.get("/api/v1/admin/records/retention")),
				new Attempt("shorten record retention", r -> r.body(Map.of("days", 1)).put("/api/v1/admin/records/retention")),
				new Attempt("models", r -> r.get("/v1/models")),
				new Attempt("chat completion", r -> r.body(Map.of("model", "auto", "messages",
						List.of(Map.of("role", "user", "content", "hi")))).post("/v1/chat/completions")));
	}

	/** B's requests that name A's data by id, and optionally name tenant A in the header. */
	private static RequestSpecification as(String token, String tenantHeader) {
		RequestSpecification request = given().header("Authorization", "Bearer " + token).header("Origin", PAGE)
				.contentType(ContentType.JSON);
		return tenantHeader == null ? request : request.header("X-Switchboard-Tenant", tenantHeader);
	}

	private static String key(String scope) {
		return Api.admin("iso-b").body(Map.of("name", "b-" + scope, "scope", scope)).post("/api/v1/admin/api-keys").then()
				.statusCode(201).extract().path("key");
	}

	static {
		// Decoding here fails the test class early if the fixture image were ever corrupted.
		Base64.getDecoder().decode(PIXEL);
	}
}
