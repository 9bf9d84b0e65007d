package dev.switchboard.sdk.action;

import java.util.Objects;

/**
 * Describes one action a connector offers. Its name and description drive routing and the model's tool choice, so
 * write them for a model: what it does, when to use it, what it needs.
 *
 * @param name                 stable snake_case name, unique within the connector, e.g. {@code create_contact}
 * @param title                short human title
 * @param description          what it does and when to use it
 * @param inputSchema          JSON Schema (as JSON text) of the input object
 * @param outputSchema         JSON Schema (as JSON text) of the output, or {@code null} when free-form
 * @param effect               what it does to the world; never null
 * @param requiresConfirmation whether the user confirms before it runs; must be true for a
 *                             {@link Effect#DESTRUCTIVE} action and false for a {@link Effect#READ_ONLY} one
 * @param compensatedBy        the name of the action that undoes this one, or {@code null}
 */
public record ActionSpec(String name, String title, String description, String inputSchema, String outputSchema,
		Effect effect, boolean requiresConfirmation, String compensatedBy) {

	public ActionSpec {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(effect, "effect is mandatory on action " + name);
		Objects.requireNonNull(description, "description");
		Objects.requireNonNull(inputSchema, "inputSchema");
		if (!name.matches("[a-z][a-z0-9_]{0,47}")) {
			throw new IllegalArgumentException("action name must be snake_case [a-z][a-z0-9_]{0,47}: " + name);
		}
		if (effect == Effect.DESTRUCTIVE && !requiresConfirmation) {
			throw new IllegalArgumentException("destructive action " + name + " must require confirmation");
		}
		if (effect == Effect.READ_ONLY && requiresConfirmation) {
			throw new IllegalArgumentException("read-only action " + name + " cannot require confirmation");
		}
		title = title == null ? name : title;
	}

	/**
	 * A spec whose confirmation follows its effect: read-only actions run at once, every other effect asks first.
	 */
	public static ActionSpec of(String name, String title, String description, String inputSchema,
			String outputSchema, Effect effect) {
		return new ActionSpec(name, title, description, inputSchema, outputSchema, effect, effect.changesData(), null);
	}
}
