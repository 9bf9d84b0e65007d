package dev.switchboard.plugins.forms.internal;

import java.net.URI;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One form an admin defined: what the model sees of it and where a filled form goes. Immutable once parsed; never
 * mutate {@link #fields()}.
 *
 * @param name        snake_case name, unique within the connector; the submit action is {@code forms_submit_<name>}
 * @param title       short human title, shown on the confirmation card
 * @param description for the model: what the form is for and when to use it
 * @param fields      the JSON Schema (draft 2020-12) of the filled form, an object schema
 * @param destination where a submission goes
 * @param webhook     the HTTPS endpoint that receives the signed submission; {@code null} for a stored form
 */
public record FormDefinition(String name, String title, String description, ObjectNode fields,
		Destination destination, URI webhook) {

	/** Where a submission goes. */
	public enum Destination {
		/** Posted to the form's webhook, signed with HMAC-SHA256. */
		WEBHOOK,
		/** Kept in Switchboard's record store; admins list it in the admin API. */
		STORED;

		/** The name admins write in the {@code destination} key. */
		public String key() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	/** The name of the action that submits this form. */
	public String actionName() {
		return FormActions.SUBMIT_PREFIX + name;
	}

	/** The fields the form cannot be submitted without, in the schema's order. */
	public List<String> requiredFields() {
		return fields.path("required").valueStream().map(field -> field.asString()).toList();
	}
}
