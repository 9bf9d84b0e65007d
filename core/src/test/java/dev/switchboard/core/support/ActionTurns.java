package dev.switchboard.core.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;

/**
 * Action turns of one tenant through the chat API, as the bootstrap admin: start a conversation, send a message and
 * read the events, approve or reject a proposed action, follow the run that continues after the decision.
 *
 * @param tenant the tenant every request names
 */
public record ActionTurns(String tenant) {

	/**
	 * Creates the tenant (if new) with the fake model as its only backend and every turn routed to the action role:
	 * tests of actions are about what happens after routing.
	 */
	public static ActionTurns actionTenant(String tenant, FakeOpenAiUpstream model) {
		Api.admin().body(Map.of("id", tenant, "name", tenant)).post("/api/v1/admin/tenants");
		Api.admin(tenant).body(Map.of("factoryId", "openai", "config", Map.of("baseUrl", model.baseUrl(), "model",
				"agent-model", "capabilities", "streaming,tools"))).put("/api/v1/admin/backends/agent").then().statusCode(200);
		Api.admin(tenant).body(Map.of("roles", Map.of("action", Map.of("backends", List.of("agent"))), "rules", List.of(
				Map.of("if", Map.of("route", "small"), "route", "action"),
				Map.of("if", Map.of("route", "reasoning"), "route", "action")))).put("/api/v1/admin/routing").then()
				.statusCode(200);
		return new ActionTurns(tenant);
	}

	/** Adds the ledger connector {@code books} on the fake ledger API (a private address, allowed) with these actions on. */
	public ActionTurns withLedger(LedgerApi ledger, String... actions) {
		Api.admin(tenant).body(Map.of("factoryId", "ledger", "config", Map.of("baseUrl", ledger.baseUrl()),
				"allowPrivateNetwork", true)).put("/api/v1/admin/connectors/books").then().statusCode(200);
		for (String action : actions) {
			Api.admin(tenant).body(Map.of()).put("/api/v1/admin/connectors/books/actions/" + action).then().statusCode(200);
		}
		return this;
	}

	/** Starts a conversation and returns its id. */
	public String conversation() {
		return Api.admin(tenant).body(Map.of()).post("/api/v1/conversations").then().statusCode(201).extract().path("id");
	}

	/** Sends a text message and reads the streamed run to its end. */
	public List<Sse.Event> chat(String conversation, String text) {
		return Sse.parse(Api.admin(tenant).accept("text/event-stream").body(Api.text(text))
				.post("/api/v1/conversations/" + conversation + "/messages").then().statusCode(200).extract().asString());
	}

	/** Sends a text message with the caller's client-side tools and reads the streamed run to its end. */
	public List<Sse.Event> chat(String conversation, String text, List<?> tools) {
		return Sse.parse(Api.admin(tenant).accept("text/event-stream")
				.body(Map.of("parts", List.of(Map.of("type", "text", "text", text)), "tools", tools))
				.post("/api/v1/conversations/" + conversation + "/messages").then().statusCode(200).extract().asString());
	}

	/** Posts the result of a client-side tool call, re-declaring the caller's tools. */
	public ValidatableResponse toolResult(String conversation, String toolCallId, String content, List<?> tools) {
		return Api.admin(tenant).body(Map.of("toolCallId", toolCallId, "content", content, "tools", tools))
				.post("/api/v1/conversations/" + conversation + "/tool-results").then();
	}

	/** Approves or rejects the action a {@code confirmation_required} event proposed. */
	public ValidatableResponse decide(String conversation, JsonNode confirmation, String decision) {
		return Api.admin(tenant).body(Map.of("decision", decision, "token", confirmation.path("approvalToken").asText()))
				.post("/api/v1/conversations/" + conversation + "/approvals/" + confirmation.path("invocationId").asText())
				.then();
	}

	/** Reads the events of a run to its end. */
	public List<Sse.Event> follow(String run) {
		return Sse.parse(Api.admin(tenant).accept("text/event-stream").get("/api/v1/runs/" + run + "/events").then()
				.statusCode(200).extract().asString());
	}

	/** The value of the first CUSTOM event of that name. */
	public static JsonNode custom(List<Sse.Event> events, String name) {
		return events.stream().filter(e -> "CUSTOM".equals(e.type()) && name.equals(e.data().path("name").asText()))
				.findFirst().orElseThrow(() -> new AssertionError("no " + name + " event in " + Sse.types(events)))
				.data().path("value");
	}
}
