package dev.switchboard.plugins.jira.internal;

import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.action.Effect;
import java.util.List;

/**
 * The Jira actions as the model sees them: names (prefixed {@code jira_} so they stay distinct when a tenant enables
 * several connectors), descriptions, and input and output JSON Schemas. Every action works in the one project the
 * connector is configured for.
 */
public final class JiraActions {

	public static final String CREATE_ISSUE = "jira_create_issue";
	public static final String GET_ISSUE = "jira_get_issue";
	public static final String ADD_COMMENT = "jira_add_comment";
	public static final String TRANSITION_TO_DONE = "jira_transition_issue_to_done";

	private static final String ISSUE_KEY = """
			"issue_key": {"type": "string", "pattern": "^[A-Z][A-Z0-9_]{1,9}-[1-9][0-9]{0,9}$",
			  "description": "The issue key, e.g. SUP-123."}
			""";

	private JiraActions() {
	}

	/** Every action, in the order the admin console lists them. */
	public static List<ActionSpec> all(String projectKey) {
		return List.of(createIssue(projectKey), getIssue(projectKey), addComment(projectKey),
				transitionToDone(projectKey));
	}

	private static ActionSpec createIssue(String projectKey) {
		return ActionSpec.of(CREATE_ISSUE, "Create a Jira issue",
				"Creates an issue in the Jira project " + projectKey + ", e.g. to report a bug or request a feature on "
						+ "the user's behalf. Write a short, specific summary and put the details, steps and expected "
						+ "behaviour in the description. Returns the new issue's key and link.",
				"""
						{"type": "object", "additionalProperties": false, "required": ["summary"],
						 "properties": {
						   "summary": {"type": "string", "minLength": 1, "maxLength": 255,
						     "description": "One line saying what the issue is about."},
						   "description": {"type": "string", "maxLength": 30000,
						     "description": "Details in plain text; blank lines separate paragraphs."},
						   "labels": {"type": "array", "maxItems": 10, "uniqueItems": true,
						     "items": {"type": "string", "pattern": "^[^\\\\s]{1,255}$"},
						     "description": "Labels without spaces, e.g. customer-reported."}}}
						""",
				"""
						{"type": "object", "required": ["key", "id", "url"], "properties": {
						  "key": {"type": "string"}, "id": {"type": "string"}, "url": {"type": "string", "format": "uri"}}}
						""",
				Effect.WRITE);
	}

	private static ActionSpec getIssue(String projectKey) {
		return ActionSpec.of(GET_ISSUE, "Get a Jira issue's status",
				"Reads a Jira issue of project " + projectKey + ": its summary, status, status category (new, "
						+ "indeterminate = in progress, done), assignee and when it was last updated. Use it when the "
						+ "user asks about the progress of a ticket they know the key of.",
				"{\"type\": \"object\", \"additionalProperties\": false, \"required\": [\"issue_key\"], \"properties\": {"
						+ ISSUE_KEY + "}}",
				"""
						{"type": "object", "required": ["key", "status"], "properties": {
						  "key": {"type": "string"}, "summary": {"type": "string"},
						  "status": {"type": "string"},
						  "status_category": {"type": "string", "enum": ["new", "indeterminate", "done", "undefined"]},
						  "assignee": {"type": ["string", "null"]}, "priority": {"type": ["string", "null"]},
						  "issue_type": {"type": ["string", "null"]}, "updated": {"type": ["string", "null"]},
						  "url": {"type": "string", "format": "uri"}}}
						""",
				Effect.READ_ONLY);
	}

	private static ActionSpec addComment(String projectKey) {
		return ActionSpec.of(ADD_COMMENT, "Comment on a Jira issue",
				"Adds a comment to a Jira issue of project " + projectKey + ", e.g. to pass on new information from the "
						+ "user. Comments are visible to everyone who can see the issue. Each call adds another comment.",
				"{\"type\": \"object\", \"additionalProperties\": false, \"required\": [\"issue_key\", \"body\"], "
						+ "\"properties\": {" + ISSUE_KEY + """
						, "body": {"type": "string", "minLength": 1, "maxLength": 30000,
						     "description": "The comment in plain text; blank lines separate paragraphs."}}}
						""",
				"""
						{"type": "object", "required": ["issue_key", "comment_id"], "properties": {
						  "issue_key": {"type": "string"}, "comment_id": {"type": "string"},
						  "created": {"type": ["string", "null"]}}}
						""",
				Effect.WRITE);
	}

	// WRITE, not DESTRUCTIVE: the issue can be reopened, so nothing is lost. Not IDEMPOTENT_WRITE either: closing runs
	// the workflow's post-functions and notifies watchers, so the user confirms it first.
	private static ActionSpec transitionToDone(String projectKey) {
		return ActionSpec.of(TRANSITION_TO_DONE, "Move a Jira issue to done",
				"Moves a Jira issue of project " + projectKey + " to a done status (closed or resolved) through the "
						+ "workflow transition that leads there. Use it only when the user says the issue is solved or "
						+ "no longer needed. Does nothing if the issue is already done.",
				"{\"type\": \"object\", \"additionalProperties\": false, \"required\": [\"issue_key\"], \"properties\": {"
						+ ISSUE_KEY + "}}",
				"""
						{"type": "object", "required": ["issue_key", "status", "transitioned"], "properties": {
						  "issue_key": {"type": "string"}, "status": {"type": "string"},
						  "transitioned": {"type": "boolean", "description": "False when the issue was already done."}}}
						""",
				Effect.WRITE);
	}
}
