package dev.switchboard.sdk.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActionNamesTest {

	@Test
	void should_turn_foreign_names_into_unique_valid_action_names() {
		ActionNames names = new ActionNames("op_");

		assertThat(names.claim("getPetById")).isEqualTo("get_pet_by_id");
		assertThat(names.claim("get-sum")).isEqualTo("get_sum");
		assertThat(names.claim("GET /pets/{id}")).isEqualTo("get_pets_id");
		assertThat(names.claim("get_sum")).isEqualTo("get_sum_2");
		assertThat(names.claim("2fa-reset")).isEqualTo("op_2fa_reset");
		String longName = names.claim("a".repeat(60));
		assertThat(longName).hasSize(48);
		assertThat(names.claim("a".repeat(70))).isEqualTo("a".repeat(46) + "_2");
	}

	@Test
	void should_give_names_the_action_spec_accepts() {
		ActionNames names = new ActionNames("tool_");

		for (String foreign : new String[] { "", "___", "Ünïcode Tool", "x".repeat(100), "42" }) {
			assertThat(names.claim(foreign)).matches("[a-z][a-z0-9_]{0,47}");
		}
	}

	@Test
	void should_refuse_a_fallback_prefix_that_is_not_an_action_name_start() {
		assertThatThrownBy(() -> new ActionNames("9_")).isInstanceOf(IllegalArgumentException.class);
	}
}
