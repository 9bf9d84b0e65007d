package dev.switchboard.plugins.zendesk.internal;

import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.action.Effect;
import java.util.List;

/**
 * The Zendesk actions as the model sees them: names (prefixed {@code zendesk_} so they stay distinct when a tenant
 * enables several connectors), descriptions, and input and output JSON Schemas.
 */
public final class ZendeskActions {

	public static final String CREATE_TICKET = "zendesk_create_ticket";
	public static final String GET_TICKET = "zendesk_get_ticket";
	public static final String ADD_COMMENT = "zendesk_add_comment";
	public static final String SOLVE_TICKET = "zendesk_solve_ticket";

	private static final String TICKET_ID = """
			"ticket_id": {"type": "integer", "minimum": 1, "description": "The ticket number, e.g. 35436."}
			""";

	private static final String TICKET_OUTPUT = """
			{"type": "object", "required": ["id", "status"], "properties": {
			  "id": {"type": "integer"}, "subject": {"type": ["string", "null"]},
			  "status": {"type": "string", "enum": ["new", "open", "pending", "hold", "solved", "closed"]},
			  "priority": {"type": ["string", "null"]}, "type": {"type": ["string", "null"]},
			  "assignee_id": {"type": ["integer", "null"]}, "updated_at": {"type": ["string", "null"]},
			  "url": {"type": "string", "format": "uri"}}}
			""";

	private ZendeskActions() {
	}

	/** Every action, in the order the admin console lists them. */
	public static List<ActionSpec> all() {
		return List.of(createTicket(), getTicket(), addComment(), solveTicket());
	}

	private static ActionSpec createTicket() {
		return ActionSpec.of(CREATE_TICKET, "Create a Zendesk ticket",
				"Opens a new Zendesk support ticket, e.g. when the user needs a human agent or reports a problem the "
						+ "assistant cannot solve. The description becomes the ticket's first comment. Give the "
						+ "requester's name and email together so the ticket is theirs; without them it is filed as the "
						+ "agent the connector acts as.",
				"""
						{"type": "object", "additionalProperties": false, "required": ["subject", "description"],
						 "properties": {
						   "subject": {"type": "string", "minLength": 1, "maxLength": 255},
						   "description": {"type": "string", "minLength": 1, "maxLength": 30000,
						     "description": "The problem in plain text; it becomes the first comment."},
						   "priority": {"type": "string", "enum": ["urgent", "high", "normal", "low"]},
						   "type": {"type": "string", "enum": ["problem", "incident", "question", "task"]},
						   "requester_name": {"type": "string", "minLength": 1, "maxLength": 255},
						   "requester_email": {"type": "string", "format": "email", "maxLength": 254}},
						 "dependentRequired": {"requester_name": ["requester_email"], "requester_email": ["requester_name"]}}
						""",
				TICKET_OUTPUT, Effect.WRITE);
	}

	private static ActionSpec getTicket() {
		return ActionSpec.of(GET_TICKET, "Show a Zendesk ticket's status",
				"Reads a Zendesk ticket: subject, status (new, open, pending, hold, solved, closed), priority, "
						+ "assignee and last update. Use it when the user asks how their ticket is going.",
				"{\"type\": \"object\", \"additionalProperties\": false, \"required\": [\"ticket_id\"], \"properties\": {"
						+ TICKET_ID + "}}",
				TICKET_OUTPUT, Effect.READ_ONLY);
	}

	private static ActionSpec addComment() {
		return ActionSpec.of(ADD_COMMENT, "Comment on a Zendesk ticket",
				"Adds a comment to a Zendesk ticket. A public comment is emailed to the requester; a private one is an "
						+ "internal note only agents see. Choose private unless the user asked to reply to the requester. "
						+ "Each call adds another comment.",
				"{\"type\": \"object\", \"additionalProperties\": false, \"required\": [\"ticket_id\", \"body\", \"public\"], "
						+ "\"properties\": {" + TICKET_ID + """
						, "body": {"type": "string", "minLength": 1, "maxLength": 30000},
						  "public": {"type": "boolean",
						    "description": "true: visible to and emailed to the requester; false: internal note."}}}
						""",
				TICKET_OUTPUT, Effect.WRITE);
	}

	// WRITE, not DESTRUCTIVE: a solved ticket can be reopened until Zendesk closes it automatically days later. Not
	// IDEMPOTENT_WRITE either: solving notifies the requester and starts that auto-close clock, so the user confirms.
	private static ActionSpec solveTicket() {
		return ActionSpec.of(SOLVE_TICKET, "Solve a Zendesk ticket",
				"Marks a Zendesk ticket solved, optionally with a final comment, when the user confirms their problem "
						+ "is resolved. The requester is notified; Zendesk closes solved tickets automatically after a "
						+ "few days. Does nothing if the ticket is already solved or closed.",
				"{\"type\": \"object\", \"additionalProperties\": false, \"required\": [\"ticket_id\"], \"properties\": {"
						+ TICKET_ID + """
						, "comment": {"type": "string", "minLength": 1, "maxLength": 30000,
						    "description": "A closing comment for the requester."},
						  "public": {"type": "boolean", "default": true,
						    "description": "Whether the closing comment is public (default) or an internal note."}}}
						""",
				TICKET_OUTPUT, Effect.WRITE);
	}
}
