package dev.switchboard.plugins.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.plugins.jira.internal.JiraActions;
import dev.switchboard.plugins.jira.internal.api.Adf;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.action.ActionInput;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.error.ActionRejectedException;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.error.NotFoundException;
import dev.switchboard.sdk.error.UnsupportedFeatureException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.http.JsonHttp;
import java.time.Duration;
import java.util.List;

/**
 * Jira Cloud actions for one tenant's site and project: create an issue, read its status, comment, move it to done.
 * Issue keys outside the configured project are refused, so an assistant cannot wander into other projects the account
 * can see. Thread-safe: it holds only its settings.
 *
 * <p>Jira Cloud documents no idempotency key for these endpoints, so {@link ActionContext#idempotencyKey()} is not
 * sent; the create and comment actions are {@link dev.switchboard.sdk.action.Effect#WRITE} and never retried here.
 */
public final class JiraActionConnector implements ActionConnector {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);
	private static final String DONE = "done";

	private final JsonHttp<JsonNode> client;
	private final String projectKey;
	private final String issueType;
	private final List<ActionSpec> actions;

	JiraActionConnector(JsonHttp<JsonNode> client, String projectKey, String issueType) {
		this.client = client;
		this.projectKey = projectKey;
		this.issueType = issueType;
		this.actions = JiraActions.all(projectKey);
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
			case JiraActions.CREATE_ISSUE -> createIssue(in, timeout);
			case JiraActions.GET_ISSUE -> getIssue(issueKey(in), timeout);
			case JiraActions.ADD_COMMENT -> addComment(issueKey(in), in.path("body").asText(), timeout);
			case JiraActions.TRANSITION_TO_DONE -> transitionToDone(issueKey(in), timeout);
			default -> throw new UnsupportedFeatureException("the Jira connector has no action " + action);
		};
	}

	@Override
	public void verifyConnection() {
		try {
			client.get("/rest/api/3/myself", VERIFY_TIMEOUT, "site at " + client.baseUrl());
		} catch (NotFoundException e) {
			throw new NotFoundException("no Jira Cloud REST API answers at " + client.baseUrl()
					+ ": check the site name", e);
		} catch (UpstreamUnavailableException e) {
			throw new UpstreamUnavailableException("Jira at " + client.baseUrl() + " is unreachable or failing ("
					+ e.getMessage() + "): check the site name, or try again later", e);
		}
	}

	private ActionResult createIssue(JsonNode in, Duration timeout) {
		ObjectNode fields = JSON.createObjectNode();
		fields.putObject("project").put("key", projectKey);
		fields.putObject("issuetype").put("name", issueType);
		fields.put("summary", in.path("summary").asText());
		String description = in.path("description").asText("");
		if (!description.isBlank()) {
			fields.set("description", Adf.document(description));
		}
		if (in.path("labels").isArray() && !in.get("labels").isEmpty()) {
			in.get("labels").forEach(fields.putArray("labels")::add);
		}
		ObjectNode body = JSON.createObjectNode();
		body.set("fields", fields);
		JsonNode created = client.post("/rest/api/3/issue", body.toString(), timeout, "project " + projectKey);
		String key = created.path("key").asText();
		ObjectNode out = JSON.createObjectNode().put("key", key).put("id", created.path("id").asText())
				.put("url", browseUrl(key));
		return ActionResult.done(out.toString(), "Created Jira issue " + key);
	}

	private ActionResult getIssue(String key, Duration timeout) {
		JsonNode issue = client.get("/rest/api/3/issue/" + key + "?fields=summary,status,assignee,priority,issuetype,updated",
				timeout, "issue " + key);
		JsonNode fields = issue.path("fields");
		ObjectNode out = JSON.createObjectNode()
				.put("key", issue.path("key").asText(key))
				.put("summary", fields.path("summary").asText(""))
				.put("status", fields.path("status").path("name").asText(""))
				.put("status_category", fields.path("status").path("statusCategory").path("key").asText("undefined"));
		out.set("assignee", textOrNull(fields.path("assignee").path("displayName")));
		out.set("priority", textOrNull(fields.path("priority").path("name")));
		out.set("issue_type", textOrNull(fields.path("issuetype").path("name")));
		out.set("updated", textOrNull(fields.path("updated")));
		out.put("url", browseUrl(key));
		String assignee = out.get("assignee").isNull() ? "unassigned" : "assigned to " + out.get("assignee").asText();
		return ActionResult.done(out.toString(), key + " is " + out.get("status").asText() + ", " + assignee);
	}

	private ActionResult addComment(String key, String text, Duration timeout) {
		if (text.isBlank()) {
			throw new InvalidRequestException("a comment needs some text");
		}
		ObjectNode body = JSON.createObjectNode();
		body.set("body", Adf.document(text));
		JsonNode comment = client.post("/rest/api/3/issue/" + key + "/comment", body.toString(), timeout, "issue " + key);
		ObjectNode out = JSON.createObjectNode().put("issue_key", key).put("comment_id", comment.path("id").asText());
		out.set("created", textOrNull(comment.path("created")));
		return ActionResult.done(out.toString(), "Commented on Jira issue " + key);
	}

	private ActionResult transitionToDone(String key, Duration timeout) {
		JsonNode status = client.get("/rest/api/3/issue/" + key + "?fields=status", timeout, "issue " + key)
				.path("fields").path("status");
		if (DONE.equals(status.path("statusCategory").path("key").asText())) {
			return done(key, status.path("name").asText(), false);
		}
		JsonNode transitions = client.get("/rest/api/3/issue/" + key + "/transitions", timeout, "issue " + key)
				.path("transitions");
		JsonNode chosen = null;
		for (JsonNode transition : transitions) {
			if (DONE.equals(transition.path("to").path("statusCategory").path("key").asText())) {
				chosen = transition;
				break;
			}
		}
		if (chosen == null) {
			throw new ActionRejectedException("the Jira workflow offers no transition from " + status.path("name").asText()
					+ " to a done status for " + key + ", or the account may not use it");
		}
		ObjectNode body = JSON.createObjectNode();
		body.putObject("transition").put("id", chosen.path("id").asText());
		client.post("/rest/api/3/issue/" + key + "/transitions", body.toString(), timeout, "issue " + key);
		return done(key, chosen.path("to").path("name").asText(), true);
	}

	private static ActionResult done(String key, String status, boolean transitioned) {
		ObjectNode out = JSON.createObjectNode().put("issue_key", key).put("status", status)
				.put("transitioned", transitioned);
		return ActionResult.done(out.toString(),
				transitioned ? "Moved Jira issue " + key + " to " + status : key + " was already " + status);
	}

	private String issueKey(JsonNode in) {
		String key = in.path("issue_key").asText("");
		if (!key.matches("[A-Z][A-Z0-9_]{1,9}-[1-9][0-9]{0,9}")) {
			throw new InvalidRequestException("issue_key must be an issue key such as " + projectKey + "-123");
		}
		if (!key.startsWith(projectKey + "-")) {
			throw new InvalidRequestException("issue " + key + " is not in project " + projectKey
					+ ", the only project this connector works with");
		}
		return key;
	}

	private String browseUrl(String key) {
		return client.baseUrl() + "/browse/" + key;
	}

	private static JsonNode textOrNull(JsonNode value) {
		return value.isMissingNode() || value.isNull() ? JSON.nullNode() : JSON.getNodeFactory().textNode(value.asText());
	}
}
