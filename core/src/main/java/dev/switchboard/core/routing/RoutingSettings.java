package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's routing settings, stored as one JSON document:
 *
 * <pre>{@code
 * {
 *   "roles": {"reasoning": {"backends": ["gpt-4o"], "description": "…", "examples": ["…"], "bias": 0.02},
 *             "vision":    {"backends": ["gpt-4o"]},
 *             "small":     {"backends": ["llama-8b", "gpt-4o-mini"]},
 *             "action":    {"backends": ["gpt-4o"]}},
 *   "thresholds": {"margin": 0.03, "confirmation": 0.6, "action": 0.2},
 *   "rules": [{"if": {"userTier": "enterprise", "route": "small"}, "route": "reasoning"}],
 *   "llmRouter": true
 * }
 * }</pre>
 *
 * Every part is optional. A role without backends uses all of the tenant's backends in their order; a role without a
 * description gets a generic one.
 *
 * @param backends  the ordered backend names of each mapped role
 * @param catalog   the role descriptions, examples, thresholds and rules, without actions (the enabled connector
 *                  actions join it per turn)
 * @param llmRouter whether the tenant's {@code small} backend breaks close calls
 * @param document  the document as stored
 */
public record RoutingSettings(Map<Route, List<String>> backends, RoutingCatalog catalog, boolean llmRouter,
		JsonNode document) {

	/** Descriptions for roles the tenant did not describe: generic, for any SaaS product. */
	static final Map<Route, String> DEFAULT_DESCRIPTIONS = Map.of(
			Route.SMALL, "Greetings, thanks and small talk, one-line questions about the product, short rewrites and "
					+ "translations.",
			Route.REASONING, "Multi-step reasoning, analysis, comparisons, planning, troubleshooting and long-form writing.",
			Route.VISION, "The message carries an image to look at.",
			Route.ACTION, "The user asks to look something up or change something in a business system: contacts, "
					+ "tickets, forms, orders, accounts.");

	/** Settings for a tenant that stored none: every role uses all backends. */
	public static final RoutingSettings NONE = parse(JsonNodeFactory.instance.objectNode());

	public RoutingSettings {
		backends = Map.copyOf(backends);
	}

	/** Whether the tenant mapped any role to backends. */
	public boolean mapsRoles() {
		return !backends.isEmpty();
	}

	/** The backends of a role in order, empty when the role is not mapped. */
	public List<String> backendsOf(Route route) {
		return backends.getOrDefault(route, List.of());
	}

	/**
	 * Reads and checks a settings document.
	 *
	 * @throws RoutingCatalog.InvalidCatalogException with every problem, keyed by JSON path
	 */
	public static RoutingSettings parse(JsonNode doc) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (doc == null || !doc.isObject()) {
			throw new RoutingCatalog.InvalidCatalogException(Map.of("settings", "must be a JSON object"));
		}
		Map<Route, List<String>> backends = new EnumMap<>(Route.class);
		ObjectNode roles = JsonNodeFactory.instance.objectNode();
		DEFAULT_DESCRIPTIONS.forEach((route, description) -> roles.put(route.id(), description));
		JsonNode rolesNode = doc.get("roles");
		if (rolesNode != null && !rolesNode.isObject()) {
			errors.put("roles", "must be an object of role name to settings");
		} else if (rolesNode != null) {
			for (Iterator<Map.Entry<String, JsonNode>> it = rolesNode.fields(); it.hasNext();) {
				Map.Entry<String, JsonNode> e = it.next();
				String path = "roles." + e.getKey();
				Route route = Route.ofId(e.getKey());
				if (route == null) {
					errors.put(path, "unknown role; use small, reasoning, vision or action");
					continue;
				}
				if (!e.getValue().isObject()) {
					errors.put(path, "must be an object with backends, description, examples and bias");
					continue;
				}
				ObjectNode role = e.getValue().deepCopy();
				JsonNode names = role.remove("backends");
				if (names != null) {
					List<String> list = backendNames(names, path + ".backends", errors);
					if (!list.isEmpty()) {
						backends.put(route, list);
					}
				}
				if (!role.has("description")) {
					role.put("description", DEFAULT_DESCRIPTIONS.get(route));
				}
				roles.set(route.id(), role);
			}
		}
		JsonNode llmRouter = doc.get("llmRouter");
		if (llmRouter != null && !llmRouter.isBoolean()) {
			errors.put("llmRouter", "must be true or false");
		}
		for (Iterator<String> it = doc.fieldNames(); it.hasNext();) {
			String field = it.next();
			if (!List.of("roles", "thresholds", "rules", "llmRouter").contains(field)) {
				errors.put(field, "unknown setting; use roles, thresholds, rules or llmRouter");
			}
		}
		ObjectNode catalogDoc = JsonNodeFactory.instance.objectNode();
		catalogDoc.set("roles", roles);
		catalogDoc.set("thresholds", doc.get("thresholds"));
		catalogDoc.set("rules", doc.get("rules"));
		RoutingCatalog catalog = null;
		try {
			catalog = RoutingCatalog.parse(catalogDoc);
		} catch (RoutingCatalog.InvalidCatalogException e) {
			e.errors().forEach((path, message) -> errors.put(path.replaceFirst("^catalog\\.", ""), message));
		}
		if (!errors.isEmpty()) {
			throw new RoutingCatalog.InvalidCatalogException(errors);
		}
		return new RoutingSettings(backends, catalog, llmRouter != null && llmRouter.asBoolean(), doc);
	}

	private static List<String> backendNames(JsonNode node, String path, Map<String, String> errors) {
		List<String> names = new ArrayList<>();
		if (!node.isArray()) {
			errors.put(path, "must be an array of backend names, first preferred");
			return names;
		}
		for (int i = 0; i < node.size(); i++) {
			JsonNode name = node.get(i);
			if (!name.isTextual() || name.asText().isBlank()) {
				errors.put(path + "[" + i + "]", "must be a backend name");
			} else if (names.contains(name.asText())) {
				errors.put(path + "[" + i + "]", "lists '" + name.asText() + "' twice");
			} else {
				names.add(name.asText());
			}
		}
		return names;
	}
}
