package dev.switchboard.core.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.core.support.ActionTurns;
import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.FakeUpstreamResource;
import dev.switchboard.core.support.Sse;
import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import dev.switchboard.sdk.testkit.openai.Reply;
import dev.switchboard.sdk.testkit.openai.Reply.ScriptedToolCall;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The proof of the SaaS connectors, end to end: the routing dev set's catalog mapped onto the real HubSpot, Zendesk
 * and forms plugin jars, and one conversation through the chat API that creates a contact, opens a ticket, reads its
 * status and submits the shipped refund form. The real router (MiniLM embeddings) picks the action route for each
 * request; a scripted model calls the mapped action; writes wait for the user's approval and reach the vendor once;
 * the audit log lists every invocation. HubSpot and Zendesk are local fakes answering in their documented wire format.
 */
@QuarkusTest
class SaasConnectorsEndToEndTest {

	private static final String TENANT = "saas-proof";
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String HUBSPOT_TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";
	private static final String ZENDESK_EMAIL = "support-bot@acme.example";
	private static final String ZENDESK_TOKEN = "6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv";

	/** A catalog action of the routing dev set and the connector action that carries it out for this tenant. */
	private record Mapping(String catalogAction, String connector, String action) {
	}

	private static final Mapping CREATE_CONTACT = new Mapping("crm.create_contact", "crm", "hubspot_create_contact");
	private static final Mapping CREATE_TICKET = new Mapping("ticketing.create_ticket", "helpdesk", "zendesk_create_ticket");
	private static final Mapping TICKET_STATUS = new Mapping("ticketing.get_ticket_status", "helpdesk", "zendesk_get_ticket");
	private static final Mapping REFUND = new Mapping("forms.submit_refund_request", "forms", "forms_submit_refund_request");
	private static final List<Mapping> CATALOG_ON_CONNECTORS = List.of(CREATE_CONTACT, CREATE_TICKET, TICKET_STATUS, REFUND);

	private static final VendorFake HUBSPOT = VendorFake.start(SaasConnectorsEndToEndTest::hubspot);
	private static final VendorFake ZENDESK = VendorFake.start(SaasConnectorsEndToEndTest::zendesk);

	private final FakeOpenAiUpstream model = FakeUpstreamResource.upstream();
	private final ActionTurns turns = new ActionTurns(TENANT);

	@AfterAll
	static void stopVendors() {
		HUBSPOT.close();
		ZENDESK.close();
	}

	@Test
	void should_create_a_contact_open_a_ticket_read_its_status_and_submit_a_refund_with_confirmations_and_audit()
			throws IOException {
		model.reset();
		tenantWithTheCatalogOnItsConnectors();
		String conversation = turns.conversation();

		// "add this lead": a write, so HubSpot hears nothing until the user approves.
		JsonNode contact = proposal(conversation, CREATE_CONTACT,
				devSetMessage(CREATE_CONTACT, "add Maria Lopez from Finch Labs, maria@finchlabs.io, as a new lead"),
				"{\"email\":\"maria@finchlabs.io\",\"firstname\":\"Maria\",\"lastname\":\"Lopez\",\"company\":\"Finch Labs\"}",
				"Maria Lopez is now a contact in the CRM.");
		assertThat(HUBSPOT.received()).as("nothing reaches HubSpot before the approval").isEmpty();
		approve(conversation, contact, "Maria Lopez is now a contact in the CRM.");
		assertThat(HUBSPOT.received()).singleElement().satisfies(request -> {
			assertThat(request.method() + " " + request.path()).isEqualTo("POST /crm/v3/objects/contacts");
			assertThat(request.authorization()).isEqualTo("Bearer " + HUBSPOT_TOKEN);
			assertThat(request.body().path("properties").path("email").asText()).isEqualTo("maria@finchlabs.io");
			assertThat(request.body().path("properties").path("company").asText()).isEqualTo("Finch Labs");
		});

		// "open a ticket": a write again; Zendesk gets the invocation's idempotency key.
		JsonNode ticket = proposal(conversation, CREATE_TICKET,
				devSetMessage(CREATE_TICKET, "please open a ticket: exports to CSV fail with a timeout for boards over 5k cards"),
				"{\"subject\":\"CSV export times out for boards over 5k cards\",\"description\":\"Exports to CSV fail with "
						+ "a timeout for boards over 5k cards.\",\"priority\":\"normal\",\"type\":\"problem\"}",
				"I opened ticket #48213.");
		assertThat(ZENDESK.received()).as("nothing reaches Zendesk before the approval").isEmpty();
		approve(conversation, ticket, "I opened ticket #48213.");
		assertThat(ZENDESK.received()).singleElement().satisfies(request -> {
			assertThat(request.method() + " " + request.path()).isEqualTo("POST /api/v2/tickets.json");
			assertThat(request.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
					(ZENDESK_EMAIL + "/token:" + ZENDESK_TOKEN).getBytes(StandardCharsets.UTF_8)));
			assertThat(request.idempotencyKey()).isEqualTo(ticket.path("invocationId").asText());
			assertThat(request.body().at("/ticket/subject").asText()).isEqualTo("CSV export times out for boards over 5k cards");
		});

		// "what's the status of my ticket": a read, so it runs at once and the model gets the ticket it opened.
		assertThat(catalogEffect(TICKET_STATUS)).isEqualTo("read");
		model.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_status", TICKET_STATUS.action(), "{\"ticket_id\":48213}")))
				.enqueue(Reply.text("Ticket #48213 is new: nobody has picked it up yet."));
		List<Sse.Event> status = turns.chat(conversation, devSetMessage(TICKET_STATUS, "what's the status of ticket 48213?"));
		assertRoutedTo(conversation, TICKET_STATUS);
		assertThat(Sse.types(status)).contains("TOOL_CALL_RESULT").doesNotContain("CUSTOM").last().isEqualTo("RUN_FINISHED");
		assertThat(Sse.text(status)).isEqualTo("Ticket #48213 is new: nobody has picked it up yet.");
		assertThat(ZENDESK.received()).hasSize(2).last().satisfies(request -> assertThat(request.method() + " "
				+ request.path()).isEqualTo("GET /api/v2/tickets/48213.json"));
		assertThat(lastToolResult()).contains("\"id\":48213", "\"status\":\"new\"");

		// "submit the refund form": the model asks for what the shipped form needs, then the user reviews it.
		model.enqueue(Reply.text("I can file a refund request. What is the order number (ORD-…) and the amount?"));
		List<Sse.Event> question = turns.chat(conversation,
				devSetMessage(REFUND, "I want a refund for invoice INV-2291, we were charged twice"));
		assertRoutedTo(conversation, REFUND);
		assertThat(Sse.types(question)).doesNotContain("CUSTOM").last().isEqualTo("RUN_FINISHED");
		JsonNode refund = proposal(conversation, REFUND,
				"it's order ORD-20482291, 49.90 was charged twice, please submit the refund request",
				"{\"order_id\":\"ORD-20482291\",\"amount\":49.90,\"reason\":\"other\",\"details\":\"Charged twice for "
						+ "invoice INV-2291.\"}",
				"Your refund request is submitted.");
		assertThat(refund.path("arguments").path("order_id").asText()).as("the filled form is shown for review")
				.isEqualTo("ORD-20482291");
		Api.admin(TENANT).get("/api/v1/admin/connectors/forms/records").then().statusCode(200).body("", hasSize(0));
		approve(conversation, refund, "Your refund request is submitted.");
		Api.admin(TENANT).get("/api/v1/admin/connectors/forms/records?kind=refund_request").then().statusCode(200)
				.body("", hasSize(1)).body("[0].data.type", equalTo("form.submitted"))
				.body("[0].data.form_title", equalTo("Refund request"))
				.body("[0].data.data.order_id", equalTo("ORD-20482291")).body("[0].data.data.reason", equalTo("other"));

		// The audit log shows each invocation, with who approved the writes.
		JsonNode audit = JSON.readTree(Api.admin(TENANT).get("/api/v1/admin/actions/invocations").then().statusCode(200)
				.extract().asString());
		assertThat(audit).extracting(i -> i.path("connector").asText() + "/" + i.path("action").asText())
				.containsExactlyInAnyOrderElementsOf(CATALOG_ON_CONNECTORS.stream()
						.map(m -> m.connector() + "/" + m.action()).toList());
		assertThat(audit).allSatisfy(i -> {
			assertThat(i.path("status").asText()).as(i.path("action").asText()).isEqualTo("succeeded");
			assertThat(i.path("conversationId").asText()).isEqualTo(conversation);
			assertThat(i.path("decidedBy").asText(null)).as(i.path("action").asText())
					.isEqualTo(i.path("effect").asText().equals("READ_ONLY") ? null : "bootstrap-admin");
		});
		assertThat(HUBSPOT.received()).hasSize(1);
		assertThat(ZENDESK.received()).hasSize(2);
	}

	/**
	 * A tenant with the fake model as its action backend, the dev set's role descriptions as its routing settings, and
	 * the connectors that carry out the mapped catalog actions, with only those actions enabled.
	 */
	private void tenantWithTheCatalogOnItsConnectors() throws IOException {
		Api.admin().body(Map.of("id", TENANT, "name", TENANT)).post("/api/v1/admin/tenants").then().statusCode(201);
		Api.admin(TENANT).body(Map.of("factoryId", "openai", "config", Map.of("baseUrl", model.baseUrl(), "model",
				"agent-model", "capabilities", "streaming,tools"))).put("/api/v1/admin/backends/agent").then().statusCode(200);
		JsonNode catalog = catalog();
		ObjectNode roles = JSON.createObjectNode();
		catalog.path("roles").properties().forEach(role -> roles.putObject(role.getKey()).set("description", role.getValue()));
		((ObjectNode) roles.get("action")).putArray("backends").add("agent");
		Api.admin(TENANT).body(Map.of("roles", roles)).put("/api/v1/admin/routing").then().statusCode(200);

		Api.admin(TENANT).body(Map.of("factoryId", "hubspot", "config", Map.of("accessToken", HUBSPOT_TOKEN,
				"baseUrl", HUBSPOT.baseUrl()), "allowPrivateNetwork", true)).put("/api/v1/admin/connectors/crm").then()
				.statusCode(200);
		Api.admin(TENANT).body(Map.of("factoryId", "zendesk", "config", Map.of("subdomain", "acme", "email",
				ZENDESK_EMAIL, "apiToken", ZENDESK_TOKEN, "baseUrl", ZENDESK.baseUrl()), "allowPrivateNetwork", true))
				.put("/api/v1/admin/connectors/helpdesk").then().statusCode(200);
		Api.admin(TENANT).body(Map.of("factoryId", "forms", "config", Map.of("forms", storedRefundForm())))
				.put("/api/v1/admin/connectors/forms").then().statusCode(200).body("hosts", hasSize(0));
		for (Mapping mapping : CATALOG_ON_CONNECTORS) {
			assertThat(catalog.path("actions").findValuesAsText("name")).contains(mapping.catalogAction());
			Api.admin(TENANT).body(Map.of()).put("/api/v1/admin/connectors/" + mapping.connector() + "/actions/"
					+ mapping.action()).then().statusCode(200);
		}
		assertThat(HUBSPOT.received()).as("configuring calls no vendor").isEmpty();
		assertThat(ZENDESK.received()).isEmpty();
	}

	/**
	 * Sends a turn the model answers with a call of the mapped action, and returns the confirmation it raised: the
	 * catalog calls the action a write, so the user must approve it.
	 */
	private JsonNode proposal(String conversation, Mapping mapping, String message, String arguments, String answer)
			throws IOException {
		model.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_" + mapping.action(), mapping.action(), arguments)))
				.enqueue(Reply.text(answer));
		List<Sse.Event> events = turns.chat(conversation, message);
		assertRoutedTo(conversation, mapping);
		assertThat(catalogEffect(mapping)).isEqualTo("write");
		JsonNode confirmation = ActionTurns.custom(events, "confirmation_required");
		assertThat(confirmation.path("action").asText()).isEqualTo(mapping.action());
		assertThat(confirmation.path("effect").asText()).isEqualTo("WRITE");
		assertThat(Sse.types(events)).doesNotContain("TOOL_CALL_RESULT").last().isEqualTo("RUN_FINISHED");
		return confirmation;
	}

	private void approve(String conversation, JsonNode confirmation, String answer) {
		String run = turns.decide(conversation, confirmation, "approve").statusCode(202).extract().path("runId");
		List<Sse.Event> continuation = turns.follow(run);
		assertThat(Sse.types(continuation)).contains("TOOL_CALL_RESULT").last().isEqualTo("RUN_FINISHED");
		assertThat(Sse.text(continuation)).isEqualTo(answer);
	}

	/**
	 * The real router sent the conversation's latest turn to the action role, where the model is offered every enabled
	 * action. (The router's own guess of the action is only a hint in the trace and is not asserted: with HubSpot's
	 * description, "add … as a new lead" scores closer to zendesk_create_ticket.)
	 */
	private static void assertRoutedTo(String conversation, Mapping mapping) throws IOException {
		JsonNode answers = JSON.readTree(Api.admin(TENANT).get("/api/v1/conversations/" + conversation + "/trace").then()
				.statusCode(200).extract().asString()).path("answers");
		JsonNode decision = answers.get(answers.size() - 1).path("trace");
		assertThat(decision.path("route").asText()).as("route of a %s turn: %s", mapping.catalogAction(), decision)
				.isEqualTo("action");
	}

	/** The content of the tool message the model got last. */
	private String lastToolResult() {
		JsonNode messages = model.requests().get(model.requests().size() - 1).body().path("messages");
		JsonNode last = messages.get(messages.size() - 1);
		assertThat(last.path("role").asText()).isEqualTo("tool");
		return last.path("content").asText();
	}

	/** A message of the routing dev set, checked to be labelled with the mapped catalog action. */
	private static String devSetMessage(Mapping mapping, String text) throws IOException {
		try (InputStream in = SaasConnectorsEndToEndTest.class.getResourceAsStream("/routing/dev.jsonl")) {
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				JsonNode row = line.isBlank() ? null : JSON.readTree(line);
				if (row != null && row.path("text").asText().equals(text)) {
					assertThat(row.path("route").asText() + " " + row.path("action").asText())
							.isEqualTo("action " + mapping.catalogAction());
					return text;
				}
			}
		}
		throw new AssertionError("not in the dev set: " + text);
	}

	private static JsonNode catalog() throws IOException {
		try (InputStream in = SaasConnectorsEndToEndTest.class.getResourceAsStream("/routing/catalog.json")) {
			return JSON.readTree(in);
		}
	}

	private static String catalogEffect(Mapping mapping) throws IOException {
		for (JsonNode action : catalog().path("actions")) {
			if (action.path("name").asText().equals(mapping.catalogAction())) {
				return action.path("effect").asText();
			}
		}
		throw new AssertionError("not in the catalog: " + mapping.catalogAction());
	}

	/** The refund request form the forms plugin ships, kept by the host instead of sent to a webhook. */
	private static String storedRefundForm() throws IOException {
		JsonNode shipped = JSON.readTree(Files.readString(Path.of("../plugins/action-forms/src/main/resources/examples/forms.json")));
		for (JsonNode form : shipped) {
			if (form.path("name").asText().equals("refund_request")) {
				ObjectNode stored = ((ObjectNode) form).put("destination", "stored");
				stored.remove("webhook");
				return JSON.writeValueAsString(List.of(stored));
			}
		}
		throw new AssertionError("the forms plugin ships no refund_request form");
	}

	/** HubSpot CRM v3: creating a contact answers 201 with the contact object. */
	private static VendorFake.Answer hubspot(VendorFake.Request request) {
		if (request.method().equals("POST") && request.path().equals("/crm/v3/objects/contacts")) {
			ObjectNode properties = request.body().path("properties").deepCopy();
			properties.put("hs_object_id", "901").put("createdate", "2026-11-29T10:00:00.000Z")
					.put("lastmodifieddate", "2026-11-29T10:00:00.000Z");
			ObjectNode contact = JSON.createObjectNode().put("id", "901");
			contact.set("properties", properties);
			contact.put("createdAt", "2026-11-29T10:00:00.000Z").put("updatedAt", "2026-11-29T10:00:00.000Z")
					.put("archived", false);
			return new VendorFake.Answer(201, contact);
		}
		return new VendorFake.Answer(404, JSON.createObjectNode().put("status", "error").put("message", "resource not found")
				.put("correlationId", "3e5b2a1c-8d4f-4e2a-9c1b-7f6e5d4c3b2a").put("category", "OBJECT_NOT_FOUND"));
	}

	/** Zendesk Support API v2: a created ticket (201) is then readable by its id, with the status Zendesk gave it. */
	private static VendorFake.Answer zendesk(VendorFake.Request request) {
		boolean created = ZENDESK.received().stream().anyMatch(r -> r.method().equals("POST"));
		if (request.method().equals("POST") && request.path().equals("/api/v2/tickets.json")) {
			return new VendorFake.Answer(201, JSON.createObjectNode().set("ticket", ticket(request.body().path("ticket"))));
		}
		if (request.method().equals("GET") && request.path().equals("/api/v2/tickets/48213.json") && created) {
			JsonNode asCreated = ZENDESK.received().stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow()
					.body().path("ticket");
			return new VendorFake.Answer(200, JSON.createObjectNode().set("ticket", ticket(asCreated)));
		}
		return new VendorFake.Answer(404, JSON.createObjectNode().put("error", "RecordNotFound").put("description", "Not found"));
	}

	private static ObjectNode ticket(JsonNode asked) {
		ObjectNode ticket = JSON.createObjectNode().put("url", "https://acme.zendesk.com/api/v2/tickets/48213.json")
				.put("id", 48213).put("created_at", "2026-11-29T10:05:00Z").put("updated_at", "2026-11-29T10:05:00Z")
				.put("type", asked.path("type").asText()).put("subject", asked.path("subject").asText())
				.put("raw_subject", asked.path("subject").asText()).put("description", asked.at("/comment/body").asText())
				.put("priority", asked.path("priority").asText()).put("status", "new").put("requester_id", 235323)
				.put("submitter_id", 235323).putNull("assignee_id").putNull("group_id").put("is_public", true);
		ticket.putArray("tags");
		return ticket;
	}

	/** A vendor API on a loopback port: answers each request with {@code answers} and records every one it received. */
	private static final class VendorFake implements AutoCloseable {

		record Request(String method, String path, String authorization, String idempotencyKey, JsonNode body) {
		}

		record Answer(int status, JsonNode body) {
		}

		private final HttpServer server;
		private final List<Request> received = new CopyOnWriteArrayList<>();

		private VendorFake(HttpServer server) {
			this.server = server;
		}

		static VendorFake start(Function<Request, Answer> answers) {
			try {
				VendorFake fake = new VendorFake(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
				fake.server.createContext("/", exchange -> {
					byte[] raw = exchange.getRequestBody().readAllBytes();
					Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
							exchange.getRequestHeaders().getFirst("Authorization"),
							exchange.getRequestHeaders().getFirst("Idempotency-Key"),
							raw.length == 0 ? JSON.missingNode() : JSON.readTree(raw));
					Answer answer = answers.apply(request);
					fake.received.add(request);
					byte[] body = JSON.writeValueAsBytes(answer.body());
					exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
					exchange.sendResponseHeaders(answer.status(), body.length);
					exchange.getResponseBody().write(body);
					exchange.close();
				});
				fake.server.start();
				return fake;
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

		String baseUrl() {
			return "http://127.0.0.1:" + server.getAddress().getPort();
		}

		List<Request> received() {
			return List.copyOf(received);
		}

		@Override
		public void close() {
			server.stop(0);
		}
	}
}
