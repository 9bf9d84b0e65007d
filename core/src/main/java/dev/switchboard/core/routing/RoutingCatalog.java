package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.sdk.action.ActionSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's routing catalog: what each role is for, which actions its connectors offer, and the knobs the tenant may
 * turn. Parsed from the JSON document tenants store (the shape of {@code catalog.json}):
 *
 * <pre>{@code
 * {
 *   "roles": {"small": "Greetings, one-line FAQ…",                        // a description, or
 *             "reasoning": {"description": "…", "examples": ["…"], "bias": 0.02}},
 *   "actions": [{"name": "ticketing.create_ticket", "description": "Open a support ticket…", "effect": "write",
 *                "examples": ["…"]}],                                       // examples optional
 *   "thresholds": {"margin": 0.03, "confirmation": 0.6, "action": 0.25},   // all optional
 *   "rules": [{"if": {"userTier": "enterprise", "route": "small"}, "route": "reasoning"}]
 * }
 * }</pre>
 *
 * Unknown top-level fields ({@code tenant}, {@code about}) are kept out of routing.
 */
public record RoutingCatalog(Map<Route, RoleSpec> roles, List<ActionEntry> actions, Thresholds thresholds,
		List<Rule> rules) {

	/** What a role is for, the tenant's own example utterances, and an additive score bias (−0.2..0.2). */
	public record RoleSpec(String description, List<String> examples, double bias) {
	}

	/** One action a connector offers. */
	public record ActionEntry(String name, String description, String effect, List<String> examples) {

		/** An action a tenant enabled, as the router sees it: its name, description and whether it changes data. */
		public static ActionEntry of(ActionSpec spec) {
			return new ActionEntry(spec.name(), spec.description(), spec.effect().changesData() ? "write" : "read",
					List.of());
		}
	}

	/**
	 * @param margin       two best routes closer than this mark the decision low-confidence (default 0.03)
	 * @param confirmation similarity to a confirmation above which a short reply continues the previous route
	 *                     (default 0.6)
	 * @param action       an action route names an action only when its similarity reaches this (default 0.2)
	 */
	public record Thresholds(double margin, double confirmation, double action) {
		public static final Thresholds DEFAULTS = new Thresholds(0.03, 0.6, 0.2);
	}

	/**
	 * A tenant override: when every condition holds, the route (and action) are replaced. Conditions compare turn
	 * attributes by string equality; the key {@code route} matches the route the signals chose.
	 */
	public record Rule(Map<String, String> conditions, Route route, String action) {

		boolean matches(Turn turn, Route computed) {
			for (Map.Entry<String, String> c : conditions.entrySet()) {
				String actual = c.getKey().equals("route") ? computed.id() : turn.attributes().get(c.getKey());
				if (!c.getValue().equals(actual)) {
					return false;
				}
			}
			return true;
		}

		String describe() {
			return "if " + conditions + " then " + route.id() + (action == null ? "" : " (" + action + ")");
		}
	}

	/** The text routes this catalog can choose, in order: small, reasoning, and action when it describes one. */
	public List<Route> textRoutes() {
		return roles.containsKey(Route.ACTION) ? List.of(Route.SMALL, Route.REASONING, Route.ACTION)
				: List.of(Route.SMALL, Route.REASONING);
	}

	/** This catalog with a tenant's enabled actions; without any, the action role cannot be chosen. */
	public RoutingCatalog withActions(List<ActionEntry> enabled) {
		if (enabled.isEmpty()) {
			Map<Route, RoleSpec> textRoles = new EnumMap<>(roles);
			textRoles.remove(Route.ACTION);
			return new RoutingCatalog(textRoles, List.of(), thresholds, rules);
		}
		return new RoutingCatalog(roles, enabled, thresholds, rules);
	}

	/** The catalog's action of that name, if any. */
	public ActionEntry action(String name) {
		return actions.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
	}

	/** Thrown with every problem found in a catalog document, keyed by JSON path. */
	public static final class InvalidCatalogException extends RuntimeException {
		private final Map<String, String> errors;

		InvalidCatalogException(Map<String, String> errors) {
			super("invalid routing catalog: " + errors, null, false, false);
			this.errors = Map.copyOf(errors);
		}

		public Map<String, String> errors() {
			return errors;
		}
	}

	/**
	 * Reads and checks a catalog document.
	 *
	 * @throws InvalidCatalogException listing every problem, keyed by JSON path
	 */
	public static RoutingCatalog parse(JsonNode doc) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (doc == null || !doc.isObject()) {
			throw new InvalidCatalogException(Map.of("catalog", "must be a JSON object"));
		}
		Map<Route, RoleSpec> roles = new EnumMap<>(Route.class);
		JsonNode rolesNode = doc.get("roles");
		if (rolesNode == null || !rolesNode.isObject()) {
			errors.put("catalog.roles", "must be an object of role name to description");
		} else {
			for (Iterator<Map.Entry<String, JsonNode>> it = rolesNode.fields(); it.hasNext();) {
				Map.Entry<String, JsonNode> e = it.next();
				String path = "catalog.roles." + e.getKey();
				Route route = Route.ofId(e.getKey());
				if (route == null) {
					errors.put(path, "unknown role; use small, reasoning, vision or action");
					continue;
				}
				RoleSpec spec = role(e.getValue(), path, errors);
				if (spec != null) {
					roles.put(route, spec);
				}
			}
			for (Route required : List.of(Route.SMALL, Route.REASONING)) {
				if (!rolesNode.has(required.id())) {
					errors.put("catalog.roles." + required.id(), "is required");
				}
			}
		}
		List<ActionEntry> actions = new ArrayList<>();
		JsonNode actionsNode = doc.get("actions");
		if (actionsNode != null && !actionsNode.isNull()) {
			if (!actionsNode.isArray()) {
				errors.put("catalog.actions", "must be an array");
			} else {
				Set<String> names = new HashSet<>();
				for (int i = 0; i < actionsNode.size(); i++) {
					String path = "catalog.actions[" + i + "]";
					JsonNode a = actionsNode.get(i);
					String name = text(a, "name", path, errors, true);
					String description = text(a, "description", path, errors, true);
					String effect = text(a, "effect", path, errors, false);
					List<String> examples = strings(a == null ? null : a.get("examples"), path + ".examples", errors);
					if (name != null && !names.add(name)) {
						errors.put(path + ".name", "duplicates another action's name");
					}
					if (name != null && description != null) {
						actions.add(new ActionEntry(name, description, effect, examples));
					}
				}
			}
		}
		if (!actions.isEmpty() && rolesNode != null && rolesNode.isObject() && !rolesNode.has(Route.ACTION.id())) {
			errors.put("catalog.roles.action", "is required when the catalog has actions");
		}
		Thresholds thresholds = thresholds(doc.get("thresholds"), errors);
		List<Rule> rules = rules(doc.get("rules"), actions, errors);
		if (!errors.isEmpty()) {
			throw new InvalidCatalogException(errors);
		}
		return new RoutingCatalog(Map.copyOf(roles), List.copyOf(actions), thresholds, List.copyOf(rules));
	}

	private static RoleSpec role(JsonNode node, String path, Map<String, String> errors) {
		if (node.isTextual()) {
			if (node.asText().isBlank()) {
				errors.put(path, "must not be blank");
				return null;
			}
			return new RoleSpec(node.asText(), List.of(), 0);
		}
		if (!node.isObject()) {
			errors.put(path, "must be a description or an object with description, examples and bias");
			return null;
		}
		String description = text(node, "description", path, errors, true);
		List<String> examples = strings(node.get("examples"), path + ".examples", errors);
		double bias = 0;
		JsonNode b = node.get("bias");
		if (b != null && !b.isNull()) {
			if (!b.isNumber() || b.asDouble() < -0.2 || b.asDouble() > 0.2) {
				errors.put(path + ".bias", "must be a number from -0.2 to 0.2");
			} else {
				bias = b.asDouble();
			}
		}
		return description == null ? null : new RoleSpec(description, examples, bias);
	}

	private static Thresholds thresholds(JsonNode node, Map<String, String> errors) {
		Thresholds d = Thresholds.DEFAULTS;
		if (node == null || node.isNull()) {
			return d;
		}
		if (!node.isObject()) {
			errors.put("catalog.thresholds", "must be an object");
			return d;
		}
		for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
			String name = it.next();
			if (!Set.of("margin", "confirmation", "action").contains(name)) {
				errors.put("catalog.thresholds." + name, "unknown threshold; use margin, confirmation or action");
			}
		}
		return new Thresholds(unit(node, "margin", d.margin(), errors), unit(node, "confirmation", d.confirmation(), errors),
				unit(node, "action", d.action(), errors));
	}

	private static double unit(JsonNode node, String field, double fallback, Map<String, String> errors) {
		JsonNode v = node.get(field);
		if (v == null || v.isNull()) {
			return fallback;
		}
		if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
			errors.put("catalog.thresholds." + field, "must be a number from 0 to 1");
			return fallback;
		}
		return v.asDouble();
	}

	private static List<Rule> rules(JsonNode node, List<ActionEntry> actions, Map<String, String> errors) {
		List<Rule> rules = new ArrayList<>();
		if (node == null || node.isNull()) {
			return rules;
		}
		if (!node.isArray()) {
			errors.put("catalog.rules", "must be an array");
			return rules;
		}
		for (int i = 0; i < node.size(); i++) {
			String path = "catalog.rules[" + i + "]";
			JsonNode r = node.get(i);
			JsonNode when = r == null ? null : r.get("if");
			Map<String, String> conditions = new LinkedHashMap<>();
			if (when == null || !when.isObject() || when.isEmpty()) {
				errors.put(path + ".if", "must be a non-empty object of attribute to value");
			} else {
				when.fields().forEachRemaining(c -> {
					if (!c.getValue().isValueNode() || c.getValue().isNull()) {
						errors.put(path + ".if." + c.getKey(), "must be a string, number or boolean");
					} else if (c.getKey().equals("route") && Route.ofId(c.getValue().asText()) == null) {
						errors.put(path + ".if.route", "unknown route");
					} else {
						conditions.put(c.getKey(), c.getValue().asText());
					}
				});
			}
			JsonNode routeNode = r == null ? null : r.get("route");
			Route route = routeNode != null && routeNode.isTextual() ? Route.ofId(routeNode.asText()) : null;
			if (route == null) {
				errors.put(path + ".route", "must be small, reasoning, vision or action");
			}
			String action = null;
			JsonNode actionNode = r == null ? null : r.get("action");
			if (actionNode != null && !actionNode.isNull()) {
				action = actionNode.asText();
				String name = action;
				if (route != Route.ACTION) {
					errors.put(path + ".action", "only an action route names an action");
				} else if (actions.stream().noneMatch(a -> a.name().equals(name))) {
					errors.put(path + ".action", "is not one of the catalog's actions");
				}
			}
			if (route != null) {
				rules.add(new Rule(Map.copyOf(conditions), route, action));
			}
		}
		return rules;
	}

	private static String text(JsonNode node, String field, String path, Map<String, String> errors, boolean required) {
		JsonNode v = node == null ? null : node.get(field);
		if (v == null || v.isNull()) {
			if (required) {
				errors.put(path + "." + field, "is required");
			}
			return null;
		}
		if (!v.isTextual() || v.asText().isBlank()) {
			errors.put(path + "." + field, "must be a non-blank string");
			return null;
		}
		return v.asText().trim();
	}

	private static List<String> strings(JsonNode node, String path, Map<String, String> errors) {
		if (node == null || node.isNull()) {
			return List.of();
		}
		List<String> out = new ArrayList<>();
		if (!node.isArray()) {
			errors.put(path, "must be an array of strings");
			return out;
		}
		for (int i = 0; i < node.size(); i++) {
			if (!node.get(i).isTextual() || node.get(i).asText().isBlank()) {
				errors.put(path + "[" + i + "]", "must be a non-blank string");
			} else {
				out.add(node.get(i).asText().trim());
			}
		}
		return List.copyOf(out);
	}
}
