package dev.switchboard.plugins.forms.internal;

import dev.switchboard.sdk.config.InvalidConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the {@code forms} setting: a JSON array of form definitions
 * {@code {"name", "title", "description", "fields", "destination", "webhook"}}, where {@code destination} is
 * {@code webhook} (the default; {@code webhook} then names the receiver) or {@code stored} (no webhook). Every problem
 * is collected and reported at once, each naming the form it belongs to, so an admin fixes the whole setting in one
 * pass. Stateless.
 *
 * <p>A form's {@code fields} schema is closed ({@code additionalProperties: false}) unless it says otherwise, so the
 * model cannot send fields the receiver does not expect.
 */
public final class FormDefinitions {

	/** The setting these definitions come from, named in every problem. */
	public static final String SETTING = "forms";

	private static final ObjectMapper JSON = JsonMapper.builder().build();
	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,34}");
	private static final Set<String> KEYS = Set.of("name", "title", "description", "fields", "destination", "webhook");
	private static final int MAX_TITLE = 80;

	private FormDefinitions() {
	}

	/**
	 * Parses and checks the setting.
	 *
	 * @param json              the setting's value
	 * @param allowHttpWebhooks whether {@code http://} webhooks are accepted (tests and trusted self-hosted networks)
	 * @throws InvalidConfigException under {@link #SETTING}, listing every problem found
	 */
	public static List<FormDefinition> parse(String json, boolean allowHttpWebhooks) {
		JsonNode root;
		try {
			root = JSON.readTree(json);
		} catch (JacksonException e) {
			throw invalid(List.of("is not valid JSON (" + e.getOriginalMessage() + ")"));
		}
		if (root == null || !root.isArray() || root.isEmpty()) {
			throw invalid(List.of("must be a JSON array with at least one form definition"));
		}
		List<String> problems = new ArrayList<>();
		List<FormDefinition> forms = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < root.size(); i++) {
			JsonNode node = root.get(i);
			String label = "form " + (i + 1) + (node.path("name").isString() ? " (" + node.path("name").asString() + ")" : "");
			List<String> own = new ArrayList<>();
			FormDefinition form = node.isObject() ? form((ObjectNode) node, allowHttpWebhooks, own) : null;
			if (!node.isObject()) {
				own.add("is not a JSON object");
			}
			if (form != null && !names.add(form.name())) {
				own.add("has the same name as an earlier form; names must be unique");
			}
			own.forEach(problem -> problems.add(label + ": " + problem));
			if (own.isEmpty()) {
				forms.add(form);
			}
		}
		if (!problems.isEmpty()) {
			throw invalid(problems);
		}
		return List.copyOf(forms);
	}

	private static FormDefinition form(ObjectNode node, boolean allowHttp, List<String> problems) {
		node.propertyNames().stream().filter(key -> !KEYS.contains(key)).sorted()
				.forEach(key -> problems.add("has an unknown key '" + key + "'; the keys are " + KEYS.stream().sorted().toList()));
		String name = text(node, "name", problems);
		if (name != null && !NAME.matcher(name).matches()) {
			problems.add("name must be 1 to 35 characters of lower-case letters, digits and underscores, starting with a "
					+ "letter (it becomes the action forms_submit_<name>)");
		}
		String title = text(node, "title", problems);
		if (title != null && title.length() > MAX_TITLE) {
			problems.add("title must be at most " + MAX_TITLE + " characters");
		}
		String description = text(node, "description", problems);
		FormDefinition.Destination destination = destination(node.get("destination"), problems);
		URI webhook = null;
		if (destination == FormDefinition.Destination.WEBHOOK) {
			webhook = webhook(text(node, "webhook", problems), allowHttp, problems);
		} else if (node.has("webhook")) {
			problems.add("a stored form has no webhook; remove it, or set destination to \"webhook\"");
		}
		ObjectNode fields = fields(node.get("fields"), problems);
		return problems.isEmpty()
				? new FormDefinition(name, title.strip(), description.strip(), fields, destination, webhook)
				: null;
	}

	// Webhook unless the admin says otherwise: forms defined before stored submissions existed keep working.
	private static FormDefinition.Destination destination(JsonNode value, List<String> problems) {
		if (value == null) {
			return FormDefinition.Destination.WEBHOOK;
		}
		for (FormDefinition.Destination destination : FormDefinition.Destination.values()) {
			if (destination.key().equals(value.asString(""))) {
				return destination;
			}
		}
		problems.add("destination must be \"webhook\" or \"stored\"");
		return null;
	}

	private static String text(ObjectNode node, String key, List<String> problems) {
		JsonNode value = node.get(key);
		if (value == null || !value.isString() || value.asString().isBlank()) {
			problems.add(key + " is required and must be non-empty text");
			return null;
		}
		return value.asString();
	}

	private static URI webhook(String value, boolean allowHttp, List<String> problems) {
		if (value == null) {
			return null;
		}
		URI uri;
		try {
			uri = new URI(value.strip());
		} catch (URISyntaxException e) {
			problems.add("webhook is not a URL");
			return null;
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
			problems.add("webhook must be an absolute https:// URL");
		} else if (scheme.equals("http") && !allowHttp) {
			problems.add("webhook must use https://; plain http:// is accepted only when 'Allow http:// webhooks' is on "
					+ "(tests and trusted self-hosted networks)");
		} else if (uri.getRawUserInfo() != null) {
			problems.add("webhook must not carry credentials; the receiver authenticates submissions by their signature");
		} else if (uri.getRawFragment() != null) {
			problems.add("webhook must not have a #fragment");
		} else {
			return uri;
		}
		return null;
	}

	private static ObjectNode fields(JsonNode fields, List<String> problems) {
		if (fields == null || !fields.isObject()) {
			problems.add("fields is required and must be a JSON Schema object");
			return null;
		}
		List<String> own = new ArrayList<>();
		FormSchemas.metaSchemaProblems(fields).forEach(p -> own.add("fields is not a valid JSON Schema: " + p));
		if (fields.has("$schema") && !FormSchemas.dialect().equals(fields.get("$schema").asString())) {
			own.add("fields.$schema must be " + FormSchemas.dialect() + " or left out");
		}
		if (!"object".equals(fields.path("type").asString(""))) {
			own.add("fields must be an object schema (\"type\": \"object\")");
		}
		JsonNode properties = fields.path("properties");
		if (!properties.isObject() || properties.isEmpty()) {
			own.add("fields.properties must declare at least one field");
		} else {
			for (Map.Entry<String, JsonNode> field : properties.properties()) {
				if (!field.getValue().isObject() || !field.getValue().has("type")) {
					own.add("field '" + field.getKey() + "' must be a schema with a \"type\"");
				}
			}
			for (JsonNode required : fields.path("required")) {
				if (!properties.has(required.asString(""))) {
					own.add("fields.required names '" + required.asString("") + "', which is not in fields.properties");
				}
			}
		}
		checkPatternsAndRefs(fields, own);
		if (!own.isEmpty()) {
			problems.addAll(own);
			return null;
		}
		ObjectNode effective = ((ObjectNode) fields).deepCopy();
		if (!effective.has("additionalProperties") && !effective.has("unevaluatedProperties")) {
			effective.put("additionalProperties", false);
		}
		try {
			FormSchemas.compile(effective);
		} catch (RuntimeException e) {
			problems.add("fields cannot be compiled as a JSON Schema: " + e.getMessage());
			return null;
		}
		return effective;
	}

	// Patterns are compiled as the host will compile them; a $ref outside the schema would make the host fetch it.
	private static void checkPatternsAndRefs(JsonNode schema, List<String> problems) {
		if (schema.isObject()) {
			JsonNode pattern = schema.get("pattern");
			if (pattern != null && pattern.isString()) {
				try {
					Pattern.compile(pattern.asString());
				} catch (PatternSyntaxException e) {
					problems.add("pattern " + pattern + " is not a valid regular expression: " + e.getDescription());
				}
			}
			JsonNode ref = schema.get("$ref");
			if (ref != null && ref.isString() && !ref.asString().startsWith("#")) {
				problems.add("$ref " + ref + " points outside the form; only local references (#/...) are allowed");
			}
		}
		schema.forEach(child -> checkPatternsAndRefs(child, problems));
	}

	private static InvalidConfigException invalid(List<String> problems) {
		return new InvalidConfigException(Map.of(SETTING, String.join("; ", problems)));
	}
}
