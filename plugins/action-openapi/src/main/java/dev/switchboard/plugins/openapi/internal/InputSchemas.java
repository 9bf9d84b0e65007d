package dev.switchboard.plugins.openapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an action's input JSON Schema from an operation's parameters and JSON body. Component schemas it refers to
 * are copied into the input schema's {@code $defs} (which keeps recursive schemas finite); 3.1 schemas are kept as
 * they are, and 3.0's {@code nullable} and boolean {@code exclusiveMinimum/Maximum} become their JSON Schema forms.
 */
final class InputSchemas {

	private static final String COMPONENT_REF = "#/components/schemas/";

	private final ObjectMapper mapper;
	private final Map<String, JsonNode> components;
	private final boolean openApi31;

	InputSchemas(ObjectMapper mapper, Map<String, JsonNode> components, boolean openApi31) {
		this.mapper = mapper;
		this.components = components;
		this.openApi31 = openApi31;
	}

	ObjectNode input(List<Parameter> parameters, MediaType body, String bodyKey, boolean bodyRequired,
			String bodyDescription) {
		ObjectNode root = mapper.createObjectNode().put("type", "object");
		ObjectNode properties = root.putObject("properties");
		ArrayNode required = mapper.createArrayNode();
		Deque<String> referenced = new ArrayDeque<>();
		for (Parameter parameter : parameters) {
			ObjectNode schema = normalise(parameterSchema(parameter), referenced);
			if (parameter.getDescription() != null && !schema.has("description")) {
				schema.put("description", parameter.getDescription());
			}
			properties.set(parameter.getName(), schema);
			if (Boolean.TRUE.equals(parameter.getRequired())) {
				required.add(parameter.getName());
			}
		}
		if (body != null) {
			ObjectNode schema = normalise(body.getSchema() == null ? mapper.createObjectNode()
					: mapper.valueToTree(body.getSchema()), referenced);
			if (bodyDescription != null && !schema.has("description")) {
				schema.put("description", bodyDescription);
			}
			properties.set(bodyKey, schema);
			if (bodyRequired) {
				required.add(bodyKey);
			}
		}
		if (!required.isEmpty()) {
			root.set("required", required);
		}
		ObjectNode defs = definitions(referenced);
		if (!defs.isEmpty()) {
			root.set("$defs", defs);
		}
		return root;
	}

	private JsonNode parameterSchema(Parameter parameter) {
		if (parameter.getSchema() != null) {
			return mapper.valueToTree(parameter.getSchema());
		}
		// A parameter may describe itself with content instead of schema; its single media type holds the schema.
		if (parameter.getContent() != null && !parameter.getContent().isEmpty()) {
			MediaType media = parameter.getContent().values().iterator().next();
			if (media.getSchema() != null) {
				return mapper.valueToTree(media.getSchema());
			}
		}
		return mapper.createObjectNode().put("type", "string");
	}

	private ObjectNode definitions(Deque<String> referenced) {
		ObjectNode defs = mapper.createObjectNode();
		Set<String> done = new HashSet<>();
		while (!referenced.isEmpty()) {
			String name = referenced.pop();
			if (done.add(name)) {
				JsonNode component = components.get(name);
				defs.set(name, component == null ? mapper.createObjectNode() : normalise(component, referenced));
			}
		}
		return defs;
	}

	/** A copy with component references pointed into $defs (queued in {@code referenced}) and 3.0 idioms converted. */
	private ObjectNode normalise(JsonNode schema, Deque<String> referenced) {
		JsonNode copy = schema.deepCopy();
		if (!copy.isObject()) {
			// A 3.1 boolean schema: true accepts anything, false nothing.
			return copy.asBoolean() ? mapper.createObjectNode() : mapper.createObjectNode().set("not", mapper.createObjectNode());
		}
		walk(copy, referenced);
		return (ObjectNode) copy;
	}

	private void walk(JsonNode node, Deque<String> referenced) {
		if (node instanceof ObjectNode object) {
			rewriteReference(object, referenced);
			if (!openApi31) {
				convertOpenApi30(object);
			}
			object.forEach(child -> walk(child, referenced));
		} else if (node instanceof ArrayNode array) {
			array.forEach(child -> walk(child, referenced));
		}
	}

	private void rewriteReference(ObjectNode object, Deque<String> referenced) {
		JsonNode ref = object.get("$ref");
		if (ref == null || !ref.isTextual()) {
			return;
		}
		String target = ref.asText();
		if (target.startsWith(COMPONENT_REF)) {
			String pointer = target.substring(COMPONENT_REF.length());
			int slash = pointer.indexOf('/');
			String escapedName = slash < 0 ? pointer : pointer.substring(0, slash);
			referenced.push(escapedName.replace("~1", "/").replace("~0", "~"));
			object.put("$ref", "#/$defs/" + pointer);
		} else if (!target.startsWith("#/$defs/")) {
			// Another document or another part of this one: nothing the connector may fetch, so accept any value.
			object.remove("$ref");
			object.put("description", "Unresolved reference " + target + "; the API checks this value.");
		}
	}

	private static void convertOpenApi30(ObjectNode object) {
		JsonNode nullable = object.remove("nullable");
		if (nullable != null && nullable.asBoolean() && object.path("type").isTextual()) {
			String type = object.get("type").asText();
			object.putArray("type").add(type).add("null");
		}
		exclusiveBound(object, "exclusiveMinimum", "minimum");
		exclusiveBound(object, "exclusiveMaximum", "maximum");
	}

	// 3.0 (JSON Schema draft 4) marks a bound exclusive with a boolean; 2020-12 gives the exclusive bound itself.
	private static void exclusiveBound(ObjectNode object, String exclusive, String bound) {
		JsonNode flag = object.get(exclusive);
		if (flag == null || !flag.isBoolean()) {
			return;
		}
		object.remove(exclusive);
		if (flag.asBoolean() && object.has(bound)) {
			object.set(exclusive, object.remove(bound));
		}
	}
}
