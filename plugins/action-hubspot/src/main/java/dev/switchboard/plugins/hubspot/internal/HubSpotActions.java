package dev.switchboard.plugins.hubspot.internal;

import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.action.Effect;
import java.util.List;

/**
 * The HubSpot actions as the model sees them: names (prefixed {@code hubspot_} so they stay distinct when a tenant
 * enables several connectors), descriptions, and input and output JSON Schemas.
 */
public final class HubSpotActions {

	public static final String FIND_CONTACTS = "hubspot_find_contacts";
	public static final String CREATE_CONTACT = "hubspot_create_contact";
	public static final String UPDATE_CONTACT = "hubspot_update_contact";
	public static final String ADD_NOTE_TO_CONTACT = "hubspot_add_note_to_contact";
	public static final String FIND_DEALS = "hubspot_find_deals";
	public static final String UPDATE_DEAL = "hubspot_update_deal";

	/** The most records one find returns; the rest is reached with the returned cursor. */
	public static final int MAX_RESULTS = 20;

	private static final String PAGE_INPUT = """
			"limit": {"type": "integer", "minimum": 1, "maximum": 20, "default": 10,
			  "description": "How many records to return, at most 20."},
			"after": {"type": "string", "minLength": 1, "maxLength": 200,
			  "description": "The next_after cursor of a previous call with the same criteria, to get the next page."}
			""";

	private static final String PROPERTY_MAP = """
			{"type": "object", "minProperties": 1, "maxProperties": 20,
			 "propertyNames": {"pattern": "^[a-z][a-z0-9_]{0,99}$"},
			 "additionalProperties": {"type": ["string", "number", "boolean"]},
			 "description": "HubSpot property internal names (lower snake case) mapped to their new values."}
			""";

	private static final String CONTACT_OUTPUT = """
			{"type": "object", "properties": {
			  "id": {"type": "string"}, "email": {"type": ["string", "null"]},
			  "firstname": {"type": ["string", "null"]}, "lastname": {"type": ["string", "null"]},
			  "company": {"type": ["string", "null"]}, "phone": {"type": ["string", "null"]},
			  "lifecyclestage": {"type": ["string", "null"]}, "updated_at": {"type": ["string", "null"]}},
			 "required": ["id"]}
			""";

	private static final String DEAL_OUTPUT = """
			{"type": "object", "properties": {
			  "id": {"type": "string"}, "name": {"type": ["string", "null"]}, "amount": {"type": ["string", "null"]},
			  "stage": {"type": ["string", "null"]}, "pipeline": {"type": ["string", "null"]},
			  "close_date": {"type": ["string", "null"]}, "updated_at": {"type": ["string", "null"]}},
			 "required": ["id"]}
			""";

	private HubSpotActions() {
	}

	/** Every action, in the order the admin console lists them. */
	public static List<ActionSpec> all() {
		return List.of(findContacts(), createContact(), updateContact(), addNoteToContact(), findDeals(), updateDeal());
	}

	private static ActionSpec findContacts() {
		return ActionSpec.of(FIND_CONTACTS, "Find HubSpot contacts",
				"Finds contacts in the HubSpot CRM by email address, by name, or by company name; give at least one, and "
						+ "every criterion given must match. Use it to look up who someone is, or to get a contact's id "
						+ "before updating the contact or adding a note. Returns at most 20 contacts per call; when "
						+ "has_more is true, call again with next_after as after to get more.",
				"""
						{"type": "object", "additionalProperties": false,
						 "properties": {
						   "email": {"type": "string", "format": "email", "maxLength": 254,
						     "description": "The contact's exact email address."},
						   "name": {"type": "string", "minLength": 1, "maxLength": 200,
						     "description": "First name, last name, or both (e.g. Ada Lovelace)."},
						   "company": {"type": "string", "minLength": 1, "maxLength": 200,
						     "description": "The company name exactly as stored on the contact (case does not matter)."},
						""" + PAGE_INPUT + """
						 },
						 "anyOf": [{"required": ["email"]}, {"required": ["name"]}, {"required": ["company"]}]}
						""",
				pageOutput("contacts", CONTACT_OUTPUT), Effect.READ_ONLY);
	}

	private static ActionSpec createContact() {
		return ActionSpec.of(CREATE_CONTACT, "Create a HubSpot contact",
				"Creates a new contact in the HubSpot CRM. HubSpot refuses a second contact with the same email, so find "
						+ "the contact first and update it instead when it may already exist.",
				"""
						{"type": "object", "additionalProperties": false, "required": ["email"],
						 "properties": {
						   "email": {"type": "string", "format": "email", "maxLength": 254},
						   "firstname": {"type": "string", "maxLength": 100},
						   "lastname": {"type": "string", "maxLength": 100},
						   "company": {"type": "string", "maxLength": 200},
						   "phone": {"type": "string", "maxLength": 50},
						   "jobtitle": {"type": "string", "maxLength": 200}}}
						""",
				CONTACT_OUTPUT, Effect.WRITE);
	}

	private static ActionSpec updateContact() {
		return ActionSpec.of(UPDATE_CONTACT, "Update a HubSpot contact",
				"Sets properties of an existing HubSpot contact, e.g. phone, jobtitle or lifecyclestage, leaving the "
						+ "others unchanged. Needs the contact's id (find the contact first).",
				"""
						{"type": "object", "additionalProperties": false, "required": ["contact_id", "properties"],
						 "properties": {
						   "contact_id": {"type": "string", "pattern": "^[0-9]{1,20}$", "description": "The contact's id."},
						   "properties": %s}}
						""".formatted(PROPERTY_MAP),
				CONTACT_OUTPUT, Effect.IDEMPOTENT_WRITE);
	}

	private static ActionSpec addNoteToContact() {
		return ActionSpec.of(ADD_NOTE_TO_CONTACT, "Add a note to a HubSpot contact",
				"Logs a note on a HubSpot contact's timeline, e.g. a summary of this conversation. Needs the contact's id "
						+ "(find the contact first). Each call adds another note.",
				"""
						{"type": "object", "additionalProperties": false, "required": ["contact_id", "body"],
						 "properties": {
						   "contact_id": {"type": "string", "pattern": "^[0-9]{1,20}$", "description": "The contact's id."},
						   "body": {"type": "string", "minLength": 1, "maxLength": 65536, "description": "The note's text."}}}
						""",
				"""
						{"type": "object", "required": ["note_id", "contact_id"], "properties": {
						  "note_id": {"type": "string"}, "contact_id": {"type": "string"},
						  "timestamp": {"type": "string", "format": "date-time"}}}
						""",
				Effect.WRITE);
	}

	private static ActionSpec findDeals() {
		return ActionSpec.of(FIND_DEALS, "Find HubSpot deals",
				"Finds deals in the HubSpot CRM by words in the deal name, by deal stage id, or by the id of a contact "
						+ "associated with the deal; give at least one, and every criterion given must match. Returns at "
						+ "most 20 deals per call; when has_more is true, call again with next_after as after.",
				"""
						{"type": "object", "additionalProperties": false,
						 "properties": {
						   "name": {"type": "string", "minLength": 1, "maxLength": 200,
						     "description": "Words the deal name contains."},
						   "stage": {"type": "string", "minLength": 1, "maxLength": 100,
						     "description": "The internal id of a deal stage, e.g. appointmentscheduled or closedwon."},
						   "contact_id": {"type": "string", "pattern": "^[0-9]{1,20}$",
						     "description": "Only deals associated with this contact."},
						""" + PAGE_INPUT + """
						 },
						 "anyOf": [{"required": ["name"]}, {"required": ["stage"]}, {"required": ["contact_id"]}]}
						""",
				pageOutput("deals", DEAL_OUTPUT), Effect.READ_ONLY);
	}

	private static ActionSpec updateDeal() {
		return ActionSpec.of(UPDATE_DEAL, "Update a HubSpot deal",
				"Sets properties of an existing HubSpot deal, e.g. dealstage, amount or closedate, leaving the others "
						+ "unchanged. Needs the deal's id (find the deal first).",
				"""
						{"type": "object", "additionalProperties": false, "required": ["deal_id", "properties"],
						 "properties": {
						   "deal_id": {"type": "string", "pattern": "^[0-9]{1,20}$", "description": "The deal's id."},
						   "properties": %s}}
						""".formatted(PROPERTY_MAP),
				DEAL_OUTPUT, Effect.IDEMPOTENT_WRITE);
	}

	private static String pageOutput(String listName, String itemSchema) {
		return """
				{"type": "object", "required": ["%s", "has_more"], "properties": {
				  "%s": {"type": "array", "maxItems": 20, "items": %s},
				  "total": {"type": "integer"},
				  "has_more": {"type": "boolean"},
				  "next_after": {"type": ["string", "null"]}}}
				""".formatted(listName, listName, itemSchema);
	}
}
