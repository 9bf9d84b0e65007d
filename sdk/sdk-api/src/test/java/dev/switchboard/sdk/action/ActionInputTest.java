package dev.switchboard.sdk.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sdk.error.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** With Jackson as the plugin's JSON library, as most plugins have it. */
class ActionInputTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void should_give_the_input_object_as_the_plugins_json_tree() {
		JsonNode in = ActionInput.object("{\"email\": \"ada@example.com\", \"limit\": 5}", JSON::readTree,
				JsonNode::isObject);

		assertThat(in.path("email").asText()).isEqualTo("ada@example.com");
		assertThat(in.path("limit").asInt()).isEqualTo(5);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{", "{\"email\": }", "email=ada@example.com", "{'email': 'ada'}" })
	void should_refuse_input_that_is_not_json(String input) {
		assertThatThrownBy(() -> ActionInput.object(input, JSON::readTree, JsonNode::isObject))
				.isInstanceOf(InvalidRequestException.class).hasMessage("action input is not valid JSON");
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "null", "[{\"email\": \"ada@example.com\"}]", "42", "\"ada@example.com\"" })
	void should_refuse_json_that_is_not_an_object(String input) {
		assertThatThrownBy(() -> ActionInput.object(input, JSON::readTree, JsonNode::isObject))
				.isInstanceOf(InvalidRequestException.class).hasMessage("action input must be a JSON object");
	}
}
