package dev.switchboard.sdk.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActionSpecTest {

	private static final String SCHEMA = "{\"type\":\"object\"}";

	@Test
	void should_require_an_effect() {
		assertThatThrownBy(() -> new ActionSpec("find_contact", null, "Finds", SCHEMA, null, null, false, null))
				.isInstanceOf(NullPointerException.class).hasMessageContaining("effect");
	}

	@Test
	void should_refuse_an_unconfirmed_destructive_action() {
		assertThatThrownBy(() -> new ActionSpec("delete_contact", null, "Deletes", SCHEMA, null, Effect.DESTRUCTIVE,
				false, null)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void should_ask_for_confirmation_on_every_effect_but_read_only() {
		assertThat(ActionSpec.of("find_contact", null, "Finds", SCHEMA, null, Effect.READ_ONLY).requiresConfirmation()).isFalse();
		assertThat(ActionSpec.of("set_plan", null, "Sets", SCHEMA, null, Effect.IDEMPOTENT_WRITE).requiresConfirmation()).isTrue();
		assertThat(ActionSpec.of("create_contact", null, "Creates", SCHEMA, null, Effect.WRITE).requiresConfirmation()).isTrue();
		assertThat(ActionSpec.of("delete_contact", null, "Deletes", SCHEMA, null, Effect.DESTRUCTIVE).requiresConfirmation()).isTrue();
	}

	@Test
	void should_refuse_names_that_are_not_snake_case() {
		assertThatThrownBy(() -> ActionSpec.of("Create-Contact", null, "x", SCHEMA, null, Effect.WRITE))
				.isInstanceOf(IllegalArgumentException.class);
	}
}
