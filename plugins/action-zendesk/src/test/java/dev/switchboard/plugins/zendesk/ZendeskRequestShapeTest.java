package dev.switchboard.plugins.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.plugins.zendesk.ZendeskFake.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.testkit.http.TestEgressHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What goes over the wire: method, path, API-token basic auth, the Idempotency-Key on create, and the ticket bodies. */
class ZendeskRequestShapeTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@RegisterExtension
	static WireMockExtension zendesk = ZendeskFake.server();

	private ActionConnector connector;

	@BeforeEach
	void connect() {
		connector = ZendeskFake.connector(zendesk, TestEgressHttp.allowing("127.0.0.1"));
	}

	@Test
	void should_create_a_ticket_with_the_idempotency_key_and_token_auth() throws Exception {
		zendesk.stubFor(post(urlEqualTo("/api/v2/tickets.json")).willReturn(json(201, "zendesk/ticket-created.json")));

		ActionResult result = invoke("zendesk_create_ticket", """
				{"subject": "Export to CSV times out", "description": "The export spins for minutes and then fails.",
				 "priority": "high", "type": "problem", "requester_name": "Ada Lovelace", "requester_email": "ada@example.com"}
				""");

		zendesk.verify(postRequestedFor(urlEqualTo("/api/v2/tickets.json"))
				.withHeader("Authorization", equalTo(ZendeskFake.BASIC_AUTH))
				.withHeader("Idempotency-Key", equalTo(ZendeskFake.IDEMPOTENCY_KEY))
				.withHeader("Content-Type", equalTo("application/json"))
				.withRequestBody(equalToJson("""
						{"ticket": {"subject": "Export to CSV times out",
						            "comment": {"body": "The export spins for minutes and then fails."},
						            "priority": "high", "type": "problem",
						            "requester": {"name": "Ada Lovelace", "email": "ada@example.com"}}}
						""")));
		JsonNode output = JSON.readTree(result.output());
		assertThat(output.get("id").asLong()).isEqualTo(35437);
		assertThat(output.get("status").asText()).isEqualTo("new");
		assertThat(output.get("assignee_id").isNull()).isTrue();
		assertThat(output.get("url").asText()).endsWith("/agent/tickets/35437");
	}

	@Test
	void should_show_a_tickets_status() throws Exception {
		zendesk.stubFor(get(urlEqualTo("/api/v2/tickets/35436.json")).willReturn(json(200, "zendesk/ticket.json")));

		ActionResult result = invoke("zendesk_get_ticket", "{\"ticket_id\":35436}");

		zendesk.verify(getRequestedFor(urlEqualTo("/api/v2/tickets/35436.json"))
				.withHeader("Authorization", equalTo(ZendeskFake.BASIC_AUTH)));
		JsonNode output = JSON.readTree(result.output());
		assertThat(output.get("status").asText()).isEqualTo("open");
		assertThat(output.get("assignee_id").asLong()).isEqualTo(235323);
		assertThat(output.get("updated_at").asText()).isEqualTo("2026-11-28T10:38:52Z");
		assertThat(result.summary()).isEqualTo("Zendesk ticket #35436 is open");
	}

	@Test
	void should_add_a_private_note_without_an_idempotency_key() {
		zendesk.stubFor(put(urlEqualTo("/api/v2/tickets/35436.json")).willReturn(json(200, "zendesk/ticket-commented.json")));

		ActionResult result = invoke("zendesk_add_comment",
				"{\"ticket_id\":35436,\"body\":\"Customer says it fails every morning.\",\"public\":false}");

		zendesk.verify(putRequestedFor(urlEqualTo("/api/v2/tickets/35436.json"))
				.withoutHeader("Idempotency-Key")
				.withRequestBody(equalToJson(
						"{\"ticket\":{\"comment\":{\"body\":\"Customer says it fails every morning.\",\"public\":false}}}")));
		assertThat(result.summary()).startsWith("Added an internal note");
	}

	@Test
	void should_add_a_public_reply() {
		zendesk.stubFor(put(urlEqualTo("/api/v2/tickets/35436.json")).willReturn(json(200, "zendesk/ticket-commented.json")));

		invoke("zendesk_add_comment", "{\"ticket_id\":35436,\"body\":\"We are on it.\",\"public\":true}");

		zendesk.verify(putRequestedFor(urlEqualTo("/api/v2/tickets/35436.json")).withRequestBody(
				equalToJson("{\"ticket\":{\"comment\":{\"body\":\"We are on it.\",\"public\":true}}}")));
	}

	@Test
	void should_solve_an_open_ticket_with_a_closing_comment() throws Exception {
		zendesk.stubFor(get(urlEqualTo("/api/v2/tickets/35436.json")).willReturn(json(200, "zendesk/ticket.json")));
		zendesk.stubFor(put(urlEqualTo("/api/v2/tickets/35436.json")).willReturn(json(200, "zendesk/ticket-solved.json")));

		ActionResult result = invoke("zendesk_solve_ticket", "{\"ticket_id\":35436,\"comment\":\"Fixed in 4.2.\"}");

		zendesk.verify(putRequestedFor(urlEqualTo("/api/v2/tickets/35436.json")).withRequestBody(equalToJson(
				"{\"ticket\":{\"status\":\"solved\",\"comment\":{\"body\":\"Fixed in 4.2.\",\"public\":true}}}")));
		assertThat(JSON.readTree(result.output()).get("status").asText()).isEqualTo("solved");
	}

	@Test
	void should_leave_a_solved_ticket_alone() {
		zendesk.stubFor(get(urlEqualTo("/api/v2/tickets/35436.json")).willReturn(json(200, "zendesk/ticket-solved.json")));

		ActionResult result = invoke("zendesk_solve_ticket", "{\"ticket_id\":35436}");

		zendesk.verify(0, putRequestedFor(urlEqualTo("/api/v2/tickets/35436.json")));
		assertThat(result.summary()).contains("already solved");
	}

	private ActionResult invoke(String action, String input) {
		return connector.invoke(action, input, ZendeskFake.context());
	}
}
