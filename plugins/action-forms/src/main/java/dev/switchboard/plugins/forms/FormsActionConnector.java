package dev.switchboard.plugins.forms;

import com.networknt.schema.Schema;
import dev.switchboard.plugins.forms.internal.FormActions;
import dev.switchboard.plugins.forms.internal.FormDefinition;
import dev.switchboard.plugins.forms.internal.FormSchemas;
import dev.switchboard.plugins.forms.internal.client.WebhookClient;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.action.ActionInput;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.error.UnsupportedFeatureException;
import dev.switchboard.sdk.store.RecordStore;
import dev.switchboard.sdk.store.StoredRecord;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The forms of one tenant's connector: {@code forms_list} describes them, and each {@code forms_submit_<name>} delivers
 * a filled form as a {@code form.submitted} document: signed to the form's webhook, or into the host's record store
 * for a form whose destination is {@code stored}. Thread-safe: it holds only its forms, their compiled schemas, the
 * webhook client and the record store.
 *
 * <p>A submission is the JSON document
 * {@code {"type":"form.submitted","id":"sub_…","form":"<name>","form_title":"…","tenant_id":"…","end_user_id":"…","data":{…}}}
 * where {@code data} is the filled form as the user approved it. The {@code id} is derived from the host's idempotency
 * key, so a retried delivery carries the same id and the same body (a webhook also gets the key as
 * {@code Idempotency-Key}), and a retried store keeps the first record.
 *
 * <p>{@link #verifyConnection()} sends each distinct webhook a signed {@code ping} event,
 * {@code {"type":"ping","id":"ping_…","forms":["<name>",…]}}, which a receiver must answer with any 2xx without acting
 * on it. A ping rather than a HEAD or GET because many webhook endpoints route POST only, and because a receiver that
 * verifies the signature proves it holds the same signing secret. It stops at the first receiver that fails, with
 * that receiver's reason. Stored forms need no check: the store is the host's own database.
 */
public final class FormsActionConnector implements ActionConnector {

	private static final ObjectMapper JSON = JsonMapper.builder().build();
	private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);
	private static final int MAX_REFERENCE = 100;

	private final List<FormDefinition> forms;
	private final Map<String, Schema> schemas;
	private final List<ActionSpec> actions;
	private final WebhookClient webhooks;
	private final RecordStore records;

	/** @param webhooks the client for webhook forms; {@code null} when every form is stored */
	FormsActionConnector(List<FormDefinition> forms, WebhookClient webhooks, RecordStore records) {
		this.forms = List.copyOf(forms);
		this.schemas = forms.stream()
				.collect(Collectors.toUnmodifiableMap(FormDefinition::name, form -> FormSchemas.compile(form.fields())));
		this.actions = FormActions.all(forms);
		this.webhooks = webhooks;
		this.records = records;
	}

	@Override
	public List<ActionSpec> actions() {
		return actions;
	}

	@Override
	public ActionResult invoke(String action, String input, ActionContext context) {
		if (FormActions.LIST.equals(action)) {
			return list(ActionInput.object(input, JSON::readTree, JsonNode::isObject));
		}
		FormDefinition form = FormActions.formOf(action, forms);
		if (form == null) {
			throw new UnsupportedFeatureException("the forms connector has no action " + action);
		}
		return submit(form, ActionInput.object(input, JSON::readTree, JsonNode::isObject), context);
	}

	@Override
	public void verifyConnection() {
		Map<URI, List<String>> formsByWebhook = new LinkedHashMap<>();
		forms.stream().filter(form -> form.destination() == FormDefinition.Destination.WEBHOOK).forEach(
				form -> formsByWebhook.computeIfAbsent(form.webhook(), k -> new ArrayList<>()).add(form.name()));
		formsByWebhook.forEach((webhook, names) -> {
			String pingId = "ping_" + UUID.randomUUID();
			ObjectNode ping = JSON.createObjectNode().put("type", "ping").put("id", pingId);
			names.forEach(ping.putArray("forms")::add);
			String receiver = "the receiver of form" + (names.size() > 1 ? "s " : " ") + String.join(", ", names)
					+ " at " + webhook.getHost();
			webhooks.deliver(webhook, receiver, "ping", ping.toString(), pingId, VERIFY_TIMEOUT);
		});
	}

	private ActionResult list(JsonNode in) {
		String only = in.path("form").asString(null);
		List<FormDefinition> shown = only == null ? forms
				: forms.stream().filter(form -> form.name().equals(only)).toList();
		if (shown.isEmpty()) {
			throw new InvalidRequestException("there is no form named " + only + "; the forms are "
					+ forms.stream().map(FormDefinition::name).toList());
		}
		return ActionResult.done(FormActions.describe(shown).toString(),
				shown.size() == 1 ? "Form " + shown.getFirst().title() : shown.size() + " forms available");
	}

	private ActionResult submit(FormDefinition form, JsonNode data, ActionContext context) {
		// The host validates too, but without asserting formats (email, date): a form must not reach its receiver
		// with a value its schema forbids.
		List<String> problems = FormSchemas.problems(schemas.get(form.name()), data);
		if (!problems.isEmpty()) {
			throw new InvalidRequestException("the filled form '" + form.title() + "' was not sent because it does not "
					+ "match the form: " + String.join("; ", problems) + ". Ask the user for the missing or correct values.");
		}
		String submissionId = submissionId(context, form);
		ObjectNode body = JSON.createObjectNode().put("type", "form.submitted").put("id", submissionId)
				.put("form", form.name()).put("form_title", form.title()).put("tenant_id", context.tenantId())
				.put("end_user_id", context.endUserId());
		body.set("data", data);
		if (form.destination() == FormDefinition.Destination.STORED) {
			StoredRecord stored = records.save(form.name(), submissionId, body.toString(), context);
			ObjectNode out = JSON.createObjectNode().put("submission_id", submissionId).put("form", form.name())
					.put("status", "stored").put("record_id", stored.id());
			return ActionResult.done(out.toString(), "Stored " + form.title() + " (submission " + submissionId + ")");
		}
		HttpResponse<String> answer = webhooks.deliver(form.webhook(),
				"the receiver of form " + form.name() + " at " + form.webhook().getHost(), "form.submitted",
				body.toString(), context.idempotencyKey(), context.timeout());
		String reference = reference(answer.body());
		ObjectNode out = JSON.createObjectNode().put("submission_id", submissionId).put("form", form.name())
				.put("status", "delivered").put("receiver_status", answer.statusCode()).put("receiver_reference", reference);
		return ActionResult.done(out.toString(), "Submitted " + form.title() + " (submission " + submissionId
				+ (reference == null ? "" : ", reference " + reference) + ")");
	}

	// Name-based, so every retry of one approved invocation (same idempotency key) carries the same id.
	private static String submissionId(ActionContext context, FormDefinition form) {
		String seed = context.tenantId() + "\u0000" + form.name() + "\u0000" + context.idempotencyKey();
		return "sub_" + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
	}

	// A receiver may answer its own id for the submission (a ticket or booking number) that the user wants to see.
	private static String reference(String body) {
		JsonNode answer = tree(body);
		Function<String, String> scalar = key -> {
			JsonNode value = answer.path(key);
			boolean shown = value.isValueNode() && !value.isNull() && value.asString().length() <= MAX_REFERENCE;
			return shown ? value.asString() : null;
		};
		String reference = scalar.apply("reference");
		return reference != null ? reference : scalar.apply("id");
	}

	private static JsonNode tree(String body) {
		try {
			JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
			return node != null && node.isObject() ? node : JSON.missingNode();
		} catch (JacksonException notJson) {
			return JSON.missingNode();
		}
	}
}
