package dev.switchboard.sdk.action;

import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.http.JsonHttp.JsonReader;
import java.util.function.Predicate;

/**
 * Reads the input the host passes to {@link ActionConnector#invoke}: JSON text that should hold one object. What every
 * connector would repeat, once, with the same messages to the model for input that is not JSON or not an object. The
 * SDK has no JSON library of its own, so the plugin's parses the text. Stateless and thread-safe.
 */
public final class ActionInput {

	private ActionInput() {
	}

	/**
	 * The input as a JSON object of the plugin's JSON library.
	 *
	 * @param <T>      the plugin's JSON tree type, e.g. Jackson's {@code JsonNode}
	 * @param input    the action input as {@link ActionConnector#invoke} received it
	 * @param reader   parses JSON text, e.g. {@code mapper::readTree}
	 * @param isObject whether a parsed value is a JSON object, e.g. {@code JsonNode::isObject}
	 * @throws InvalidRequestException when the input is not JSON, or JSON but not an object
	 */
	public static <T> T object(String input, JsonReader<T> reader, Predicate<? super T> isObject) {
		T parsed;
		try {
			parsed = input == null ? null : reader.read(input);
		} catch (Exception notJson) {
			throw new InvalidRequestException("action input is not valid JSON");
		}
		if (parsed == null || !isObject.test(parsed)) {
			throw new InvalidRequestException("action input must be a JSON object");
		}
		return parsed;
	}
}
