import { session } from "./api.js";
import { field, h } from "./dom.js";

/**
 * The fields of a plugin factory's settings, from the schema its plugin declares. Secrets are write-only: the field
 * starts empty, and an empty secret keeps the stored one. A setting the plugin keeps for platform admins is read-only
 * for anyone else and left out of what they save, so the stored value stays (the server refuses any other).
 */
export function settingsFields(properties, config = {}, secretsSet = []) {
	const fields = new Map();
	for (const property of properties) {
		const stored = secretsSet.includes(property.name);
		const locked = property.platformAdminOnly && !session.platformAdmin;
		let control;
		if (property.type === "ENUM" || property.type === "BOOLEAN") {
			const options = property.type === "ENUM" ? property.options : ["true", "false"];
			control = h("select", { name: property.name, disabled: locked },
				property.required ? null : h("option", { value: "" }, property.defaultValue ? `Default (${property.defaultValue})` : "Not set"),
				options.map((option) => h("option", { value: option, selected: config[property.name] === option }, option)));
		} else {
			control = h("input", {
				name: property.name, spellcheck: false,
				type: property.secret ? "password" : property.type === "INTEGER" ? "number" : property.type === "URL" ? "url" : "text",
				autocomplete: property.secret ? "new-password" : "off",
				value: property.secret ? "" : config[property.name] ?? "",
				placeholder: property.secret && stored ? "Stored; leave empty to keep" : property.defaultValue ?? "",
				required: property.required && !(property.secret && stored) && !locked,
				readonly: locked,
			});
		}
		const hint = [property.description, property.secret ? "Secret: stored encrypted, never shown again." : "",
			locked ? "Set by a platform admin." : ""].filter(Boolean).join(" ");
		const wrapper = field(`${property.label}${property.required ? " (required)" : ""}`, control, hint || undefined);
		wrapper.locked = locked;
		fields.set(property.name, wrapper);
	}
	return {
		nodes: [...fields.values()],
		fields,
		/** The values typed in; empty ones are left out so defaults and stored secrets apply. */
		values() {
			const values = {};
			for (const [name, wrapper] of fields) {
				if (wrapper.locked) continue;
				const value = wrapper.control.value.trim();
				if (value) values[name] = value;
			}
			return values;
		},
	};
}

/**
 * Shows a problem's field errors next to their fields; keys are JSON paths such as "config.baseUrl" or "inputPrice".
 * Returns the errors no field claimed, as "path: message" lines.
 */
export function showFieldErrors(errors, fields) {
	for (const wrapper of fields.values()) wrapper.showError("");
	const unclaimed = [];
	for (const [path, message] of Object.entries(errors || {})) {
		const name = [path, path.replace(/^config\./, ""), path.split(".").pop()].find((candidate) => fields.has(candidate));
		if (name) fields.get(name).showError(message);
		else unclaimed.push(`${path}: ${message}`);
	}
	return unclaimed;
}

/** The outcome of a failed save: the problem's detail, and its unclaimed field errors as a list. */
export function problemMessage(error, unclaimed = []) {
	return h("div", { role: "alert", class: "status failed" }, h("p", {}, error.message),
		unclaimed.length ? h("ul", {}, unclaimed.map((line) => h("li", {}, line))) : null);
}
