package dev.switchboard.plugins.hubspot;

import static dev.switchboard.plugins.hubspot.internal.HubSpotActions.MAX_RESULTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.plugins.hubspot.internal.HubSpotActions;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.action.ActionInput;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.error.UnsupportedFeatureException;
import dev.switchboard.sdk.http.JsonHttp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * HubSpot CRM actions for one tenant's private app: contacts (find, create, update, add a timeline note) and deals
 * (find, update). Thread-safe: it holds only its settings.
 *
 * <p>HubSpot documents no idempotency key for these CRM v3 endpoints, so {@link ActionContext#idempotencyKey()} is not
 * sent; the create actions are {@link dev.switchboard.sdk.action.Effect#WRITE} and are never retried here.
 */
public final class HubSpotActionConnector implements ActionConnector {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);
	private static final List<String> CONTACT_PROPERTIES = List.of("email", "firstname", "lastname", "company", "phone",
			"lifecyclestage", "lastmodifieddate");
	private static final List<String> DEAL_PROPERTIES = List.of("dealname", "amount", "dealstage", "pipeline",
			"closedate", "hs_lastmodifieddate");
	// HubSpot's default association type "note to contact".
	private static final int NOTE_TO_CONTACT = 202;

	private final JsonHttp<JsonNode> client;
	private final Clock clock;
	private final List<ActionSpec> actions = HubSpotActions.all();

	HubSpotActionConnector(JsonHttp<JsonNode> client, Clock clock) {
		this.client = client;
		this.clock = clock;
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
			case HubSpotActions.FIND_CONTACTS -> findContacts(in, timeout);
			case HubSpotActions.CREATE_CONTACT -> createContact(in, timeout);
			case HubSpotActions.UPDATE_CONTACT -> updateContact(in, timeout);
			case HubSpotActions.ADD_NOTE_TO_CONTACT -> addNoteToContact(in, timeout);
			case HubSpotActions.FIND_DEALS -> findDeals(in, timeout);
			case HubSpotActions.UPDATE_DEAL -> updateDeal(in, timeout);
			default -> throw new UnsupportedFeatureException("the HubSpot connector has no action " + action);
		};
	}

	@Override
	public void verifyConnection() {
		client.get("/crm/v3/objects/contacts?limit=1", VERIFY_TIMEOUT, "contacts endpoint");
	}

	private ActionResult findContacts(JsonNode in, Duration timeout) {
		List<ObjectNode> common = new ArrayList<>();
		if (in.hasNonNull("email")) {
			common.add(filter("email", "EQ", in.get("email").asText()));
		}
		if (in.hasNonNull("company")) {
			common.add(filter("company", "EQ", in.get("company").asText()));
		}
		List<List<ObjectNode>> groups = new ArrayList<>();
		if (in.hasNonNull("name")) {
			String[] words = in.get("name").asText().trim().split("\\s+");
			if (words.length == 1) {
				// One word may be either name: two filter groups, which HubSpot ORs.
				groups.add(with(common, filter("firstname", "CONTAINS_TOKEN", words[0])));
				groups.add(with(common, filter("lastname", "CONTAINS_TOKEN", words[0])));
			} else {
				groups.add(with(common, filter("firstname", "CONTAINS_TOKEN", words[0]),
						filter("lastname", "CONTAINS_TOKEN", words[words.length - 1])));
			}
		} else {
			groups.add(common);
		}
		if (groups.getFirst().isEmpty()) {
			throw new InvalidRequestException("give an email, a name or a company to find contacts by");
		}
		JsonNode page = client.post("/crm/v3/objects/contacts/search", search(groups, CONTACT_PROPERTIES, in).toString(), timeout,
				"contacts search");
		ObjectNode out = page(page, "contacts", limit(in), HubSpotActionConnector::contact);
		return ActionResult.done(out.toString(), "Found " + out.get("contacts").size() + " HubSpot contact(s)");
	}

	private ActionResult createContact(JsonNode in, Duration timeout) {
		ObjectNode properties = JSON.createObjectNode();
		for (String name : List.of("email", "firstname", "lastname", "company", "phone", "jobtitle")) {
			if (in.hasNonNull(name)) {
				properties.put(name, in.get(name).asText());
			}
		}
		ObjectNode body = JSON.createObjectNode();
		body.set("properties", properties);
		ObjectNode created = contact(client.post("/crm/v3/objects/contacts", body.toString(), timeout, "contacts endpoint"));
		return ActionResult.done(created.toString(),
				"Created HubSpot contact " + in.path("email").asText() + " (id " + created.get("id").asText() + ")");
	}

	private ActionResult updateContact(JsonNode in, Duration timeout) {
		String id = in.path("contact_id").asText();
		ObjectNode updated = contact(client.patch("/crm/v3/objects/contacts/" + id, properties(in).toString(), timeout,
				"contact " + id));
		return ActionResult.done(updated.toString(), "Updated HubSpot contact " + id + ": " + propertyNames(in));
	}

	private ActionResult addNoteToContact(JsonNode in, Duration timeout) {
		String contactId = in.path("contact_id").asText();
		String timestamp = clock.instant().toString();
		ObjectNode body = JSON.createObjectNode();
		body.putObject("properties").put("hs_timestamp", timestamp).put("hs_note_body", in.path("body").asText());
		ObjectNode association = body.putArray("associations").addObject();
		association.putObject("to").put("id", contactId);
		association.putArray("types").addObject().put("associationCategory", "HUBSPOT_DEFINED")
				.put("associationTypeId", NOTE_TO_CONTACT);
		JsonNode note = client.post("/crm/v3/objects/notes", body.toString(), timeout, "contact " + contactId);
		ObjectNode out = JSON.createObjectNode().put("note_id", note.path("id").asText()).put("contact_id", contactId)
				.put("timestamp", timestamp);
		return ActionResult.done(out.toString(), "Added a note to HubSpot contact " + contactId);
	}

	private ActionResult findDeals(JsonNode in, Duration timeout) {
		List<ObjectNode> filters = new ArrayList<>();
		if (in.hasNonNull("name")) {
			for (String word : in.get("name").asText().trim().split("\\s+")) {
				filters.add(filter("dealname", "CONTAINS_TOKEN", word));
			}
		}
		if (in.hasNonNull("stage")) {
			filters.add(filter("dealstage", "EQ", in.get("stage").asText()));
		}
		if (in.hasNonNull("contact_id")) {
			filters.add(filter("associations.contact", "EQ", in.get("contact_id").asText()));
		}
		if (filters.isEmpty()) {
			throw new InvalidRequestException("give a deal name, a stage or a contact id to find deals by");
		}
		JsonNode page = client.post("/crm/v3/objects/deals/search", search(List.of(filters), DEAL_PROPERTIES, in).toString(),
				timeout, "deals search");
		ObjectNode out = page(page, "deals", limit(in), HubSpotActionConnector::deal);
		return ActionResult.done(out.toString(), "Found " + out.get("deals").size() + " HubSpot deal(s)");
	}

	private ActionResult updateDeal(JsonNode in, Duration timeout) {
		String id = in.path("deal_id").asText();
		ObjectNode updated = deal(client.patch("/crm/v3/objects/deals/" + id, properties(in).toString(), timeout,
				"deal " + id));
		return ActionResult.done(updated.toString(), "Updated HubSpot deal " + id + ": " + propertyNames(in));
	}

	private static ObjectNode search(List<List<ObjectNode>> groups, List<String> properties, JsonNode in) {
		ObjectNode body = JSON.createObjectNode();
		ArrayNode filterGroups = body.putArray("filterGroups");
		for (List<ObjectNode> group : groups) {
			filterGroups.addObject().putArray("filters").addAll(group);
		}
		properties.forEach(body.putArray("properties")::add);
		body.put("limit", limit(in));
		if (in.hasNonNull("after")) {
			body.put("after", in.get("after").asText());
		}
		return body;
	}

	// The result list is capped even if the API sends more than asked for: nothing unbounded reaches the model.
	private static ObjectNode page(JsonNode page, String listName, int limit,
			Function<JsonNode, ObjectNode> mapper) {
		ObjectNode out = JSON.createObjectNode();
		ArrayNode items = out.putArray(listName);
		JsonNode results = page.path("results");
		for (int i = 0; i < results.size() && i < limit; i++) {
			items.add(mapper.apply(results.get(i)));
		}
		if (page.has("total")) {
			out.put("total", page.get("total").asInt());
		}
		JsonNode after = page.path("paging").path("next").path("after");
		boolean truncated = results.size() > limit;
		out.put("has_more", truncated || !after.isMissingNode());
		if (!truncated && !after.isMissingNode()) {
			out.put("next_after", after.asText());
		} else {
			out.putNull("next_after");
		}
		return out;
	}

	private static ObjectNode contact(JsonNode record) {
		JsonNode p = record.path("properties");
		ObjectNode out = JSON.createObjectNode().put("id", record.path("id").asText());
		for (String name : List.of("email", "firstname", "lastname", "company", "phone", "lifecyclestage")) {
			out.set(name, text(p, name));
		}
		out.set("updated_at", record.hasNonNull("updatedAt") ? record.get("updatedAt") : text(p, "lastmodifieddate"));
		return out;
	}

	private static ObjectNode deal(JsonNode record) {
		JsonNode p = record.path("properties");
		ObjectNode out = JSON.createObjectNode().put("id", record.path("id").asText());
		out.set("name", text(p, "dealname"));
		out.set("amount", text(p, "amount"));
		out.set("stage", text(p, "dealstage"));
		out.set("pipeline", text(p, "pipeline"));
		out.set("close_date", text(p, "closedate"));
		out.set("updated_at", record.hasNonNull("updatedAt") ? record.get("updatedAt") : text(p, "hs_lastmodifieddate"));
		return out;
	}

	private static JsonNode text(JsonNode properties, String name) {
		JsonNode value = properties.path(name);
		return value.isMissingNode() || value.isNull() ? JSON.nullNode() : JSON.getNodeFactory().textNode(value.asText());
	}

	// HubSpot property values travel as strings.
	private static ObjectNode properties(JsonNode in) {
		ObjectNode properties = JSON.createObjectNode();
		for (Map.Entry<String, JsonNode> entry : in.path("properties").properties()) {
			properties.put(entry.getKey(), entry.getValue().asText());
		}
		if (properties.isEmpty()) {
			throw new InvalidRequestException("give at least one property to update");
		}
		ObjectNode body = JSON.createObjectNode();
		body.set("properties", properties);
		return body;
	}

	private static String propertyNames(JsonNode in) {
		List<String> names = new ArrayList<>();
		in.path("properties").properties().forEach(entry -> names.add(entry.getKey()));
		return String.join(", ", names);
	}

	private static int limit(JsonNode in) {
		return Math.clamp(in.path("limit").asInt(10), 1, MAX_RESULTS);
	}

	private static ObjectNode filter(String property, String operator, String value) {
		return JSON.createObjectNode().put("propertyName", property).put("operator", operator).put("value", value);
	}

	@SafeVarargs
	private static <T> List<T> with(List<T> common, T... more) {
		List<T> all = new ArrayList<>(common);
		all.addAll(List.of(more));
		return all;
	}
}
