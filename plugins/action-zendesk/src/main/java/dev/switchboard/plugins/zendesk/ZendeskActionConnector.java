package dev.switchboard.plugins.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.plugins.zendesk.internal.ZendeskActions;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.action.ActionInput;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.error.AuthenticationException;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.error.NotFoundException;
import dev.switchboard.sdk.error.UnsupportedFeatureException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.http.JsonHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Zendesk Support actions for one tenant's account: create a ticket, show it, comment publicly or privately, solve it.
 * Thread-safe: it holds only its settings.
 *
 * <p>Ticket creation sends {@link ActionContext#idempotencyKey()} as Zendesk's documented {@code Idempotency-Key}
 * header (Ticketing API introduction, "Idempotency"); Zendesk documents it for ticket creation only, so updates send
 * none.
 */
public final class ZendeskActionConnector implements ActionConnector {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);
	private static final Set<String> FINISHED = Set.of("solved", "closed");

	private final JsonHttp<JsonNode> client;
	private final List<ActionSpec> actions = ZendeskActions.all();

	ZendeskActionConnector(JsonHttp<JsonNode> client) {
		this.client = client;
	}

	@Override
	public List<ActionSpec> actions() {
		return actions;
	}

	@Override
	public ActionResult invoke(String action, String input, ActionContext context) {
		JsonNode in = ActionInput.object(input, JSON::readTree, JsonNode::isObject);
		Duration timeout = context.timeout();
		return switch (action) {
			case ZendeskActions.CREATE_TICKET -> createTicket(in, context.idempotencyKey(), timeout);
			case ZendeskActions.GET_TICKET -> getTicket(ticketId(in), timeout);
			case ZendeskActions.ADD_COMMENT -> addComment(ticketId(in), in, timeout);
			case ZendeskActions.SOLVE_TICKET -> solveTicket(ticketId(in), in, timeout);
			default -> throw new UnsupportedFeatureException("the Zendesk connector has no action " + action);
		};
	}

	@Override
	public void verifyConnection() {
		JsonNode user;
		try {
			user = client.get("/api/v2/users/me.json", VERIFY_TIMEOUT, "account at " + client.baseUrl()).path("user");
		} catch (NotFoundException e) {
			throw new NotFoundException("no Zendesk account answers at " + client.baseUrl() + ": check the subdomain", e);
		} catch (UpstreamUnavailableException e) {
			throw new UpstreamUnavailableException("Zendesk at " + client.baseUrl() + " is unreachable or failing ("
					+ e.getMessage() + "): check the subdomain, or try again later", e);
		}
		// Zendesk answers this endpoint for anonymous callers too, with a user that has no id.
		if (user.path("id").isNull() || user.path("id").isMissingNode()) {
			throw new AuthenticationException("Zendesk did not recognise the email and API token: check both, and "
					+ "that token access is enabled in the Admin Center");
		}
		if ("end-user".equals(user.path("role").asText())) {
			throw new AuthenticationException("the Zendesk user " + user.path("email").asText()
					+ " is an end user; the connector needs an agent or admin account");
		}
	}

	private ActionResult createTicket(JsonNode in, String idempotencyKey, Duration timeout) {
		ObjectNode ticket = JSON.createObjectNode().put("subject", in.path("subject").asText());
		ticket.putObject("comment").put("body", in.path("description").asText());
		copyText(in, "priority", ticket);
		copyText(in, "type", ticket);
		if (in.hasNonNull("requester_email")) {
			ObjectNode requester = ticket.putObject("requester").put("email", in.get("requester_email").asText());
			if (in.hasNonNull("requester_name")) {
				requester.put("name", in.get("requester_name").asText());
			}
		}
		ObjectNode body = JSON.createObjectNode();
		body.set("ticket", ticket);
		ObjectNode out = ticket(client.send("POST", "/api/v2/tickets.json", body.toString(),
				Map.of("Idempotency-Key", idempotencyKey), timeout, "tickets endpoint"));
		return ActionResult.done(out.toString(), "Created Zendesk ticket #" + out.get("id").asLong());
	}

	private ActionResult getTicket(long id, Duration timeout) {
		ObjectNode out = ticket(client.get(ticketPath(id), timeout, "ticket " + id));
		return ActionResult.done(out.toString(), "Zendesk ticket #" + id + " is " + out.get("status").asText());
	}

	private ActionResult addComment(long id, JsonNode in, Duration timeout) {
		boolean isPublic = in.path("public").asBoolean(false);
		ObjectNode body = JSON.createObjectNode();
		body.putObject("ticket").putObject("comment").put("body", in.path("body").asText()).put("public", isPublic);
		ObjectNode out = ticket(client.put(ticketPath(id), body.toString(), timeout, "ticket " + id));
		return ActionResult.done(out.toString(),
				(isPublic ? "Replied publicly on" : "Added an internal note to") + " Zendesk ticket #" + id);
	}

	private ActionResult solveTicket(long id, JsonNode in, Duration timeout) {
		ObjectNode current = ticket(client.get(ticketPath(id), timeout, "ticket " + id));
		if (FINISHED.contains(current.get("status").asText())) {
			return ActionResult.done(current.toString(),
					"Zendesk ticket #" + id + " was already " + current.get("status").asText());
		}
		ObjectNode ticket = JSON.createObjectNode().put("status", "solved");
		if (in.hasNonNull("comment")) {
			ticket.putObject("comment").put("body", in.get("comment").asText())
					.put("public", in.path("public").asBoolean(true));
		}
		ObjectNode body = JSON.createObjectNode();
		body.set("ticket", ticket);
		ObjectNode out = ticket(client.put(ticketPath(id), body.toString(), timeout, "ticket " + id));
		return ActionResult.done(out.toString(), "Solved Zendesk ticket #" + id);
	}

	private ObjectNode ticket(JsonNode answer) {
		JsonNode t = answer.path("ticket");
		ObjectNode out = JSON.createObjectNode().put("id", t.path("id").asLong());
		out.set("subject", textOrNull(t.path("subject")));
		out.put("status", t.path("status").asText(""));
		out.set("priority", textOrNull(t.path("priority")));
		out.set("type", textOrNull(t.path("type")));
		out.set("assignee_id", t.path("assignee_id").isIntegralNumber() ? t.get("assignee_id") : JSON.nullNode());
		out.set("updated_at", textOrNull(t.path("updated_at")));
		out.put("url", client.baseUrl() + "/agent/tickets/" + t.path("id").asLong());
		return out;
	}

	private static String ticketPath(long id) {
		return "/api/v2/tickets/" + id + ".json";
	}

	private static long ticketId(JsonNode in) {
		JsonNode id = in.path("ticket_id");
		if (!id.canConvertToLong() || id.asLong() < 1) {
			throw new InvalidRequestException("ticket_id must be a ticket number such as 35436");
		}
		return id.asLong();
	}

	private static void copyText(JsonNode in, String name, ObjectNode to) {
		if (in.hasNonNull(name)) {
			to.put(name, in.get(name).asText());
		}
	}

	private static JsonNode textOrNull(JsonNode value) {
		return value.isMissingNode() || value.isNull() ? JSON.nullNode() : JSON.getNodeFactory().textNode(value.asText());
	}
}
