package dev.switchboard.plugins.forms.internal;

import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.action.Effect;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The actions as the model sees them: {@code forms_list}, which reads the forms and their fields, and one
 * {@code forms_submit_<name>} per form, whose input schema is the form's own field schema so the host validates the
 * filled form and shows it on the confirmation card exactly as it will be sent.
 */
public final class FormActions {

	/** The read-only action that describes the configured forms. */
	public static final String LIST = "forms_list";
	/** Prefix of every submit action; the form's name follows. */
	public static final String SUBMIT_PREFIX = "forms_submit_";

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final String SUBMIT_OUTPUT = """
			{"type": "object", "required": ["submission_id", "form", "status"], "properties": {
			  "submission_id": {"type": "string", "description": "The submission's id; stable across retries."},
			  "form": {"type": "string"},
			  "status": {"type": "string", "enum": ["delivered", "stored"],
			    "description": "delivered: the webhook accepted it; stored: kept in Switchboard for the team to review."},
			  "record_id": {"type": "string", "description": "For a stored form, the record id admins find it under."},
			  "receiver_status": {"type": "integer"},
			  "receiver_reference": {"type": ["string", "null"],
			    "description": "The receiver's own id or reference for the submission, when it answered one."}}}
			""";

	private static final String LIST_OUTPUT = """
			{"type": "object", "required": ["forms"], "properties": {"forms": {"type": "array", "items": {
			  "type": "object", "required": ["form", "action", "title", "description", "required", "fields"],
			  "properties": {
			    "form": {"type": "string"}, "action": {"type": "string"}, "title": {"type": "string"},
			    "description": {"type": "string"},
			    "required": {"type": "array", "items": {"type": "string"}},
			    "fields": {"type": "object", "description": "Each field's JSON Schema: type, description, enum, format, pattern."}}}}}}
			""";

	private FormActions() {
	}

	/** Every action for these forms: the list first, then one submit action per form in the configured order. */
	public static List<ActionSpec> all(List<FormDefinition> forms) {
		List<ActionSpec> actions = new ArrayList<>();
		actions.add(list(forms));
		forms.forEach(form -> actions.add(submit(form)));
		return List.copyOf(actions);
	}

	/** What {@code forms_list} answers: each form with its required fields and its fields' schemas. */
	public static ObjectNode describe(List<FormDefinition> forms) {
		ObjectNode out = JSON.createObjectNode();
		ArrayNode list = out.putArray("forms");
		for (FormDefinition form : forms) {
			ObjectNode entry = list.addObject().put("form", form.name()).put("action", form.actionName())
					.put("title", form.title()).put("description", form.description());
			ArrayNode required = entry.putArray("required");
			form.requiredFields().forEach(required::add);
			entry.set("fields", form.fields().path("properties").deepCopy());
		}
		return out;
	}

	private static ActionSpec list(List<FormDefinition> forms) {
		ObjectNode input = JSON.createObjectNode().put("type", "object").put("additionalProperties", false);
		ObjectNode form = input.putObject("properties").putObject("form").put("type", "string")
				.put("description", "Only this form; leave out to list every form.");
		ArrayNode names = form.putArray("enum");
		forms.forEach(f -> names.add(f.name()));
		return ActionSpec.of(LIST, "List the available forms",
				"Lists the forms the user can submit through this assistant (" + String.join(", ", forms.stream()
						.map(FormDefinition::title).toList()) + "), with every field's type, meaning and allowed values "
						+ "and which fields are required. Use it to learn what to ask the user before submitting a form.",
				input.toString(), LIST_OUTPUT, Effect.READ_ONLY);
	}

	private static ActionSpec submit(FormDefinition form) {
		List<String> required = form.requiredFields();
		String description = form.description().strip() + (form.description().strip().endsWith(".") ? "" : ".")
				+ " Submits the '" + form.title() + "' form. Fill the fields only with what the user said or clearly "
				+ "confirmed; "
				+ (required.isEmpty() ? "" : "the required fields are " + String.join(", ", required) + ". ")
				+ "If a required field is missing or unclear, ask the user for it instead of guessing, and never invent "
				+ "values. The user reviews the filled form before it is sent.";
		return ActionSpec.of(form.actionName(), form.title(), description, form.fields().toString(), SUBMIT_OUTPUT,
				Effect.WRITE);
	}

	/** The form a submit action belongs to, or {@code null} when the name is not a submit action of these forms. */
	public static FormDefinition formOf(String action, List<FormDefinition> forms) {
		return forms.stream().filter(form -> form.actionName().equals(action)).findFirst().orElse(null);
	}
}
