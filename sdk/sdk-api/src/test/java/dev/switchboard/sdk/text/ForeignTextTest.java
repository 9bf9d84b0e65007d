package dev.switchboard.sdk.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ForeignTextTest {

	@Test
	void should_cap_long_text_with_a_marker_of_what_was_dropped() {
		assertThat(ForeignText.cap("abcdef", 4)).isEqualTo("abcd… [truncated 2 characters]");
		assertThat(ForeignText.cap("abcd", 4)).isEqualTo("abcd");
	}

	@Test
	void should_summarise_text_as_one_short_line() {
		assertThat(ForeignText.summarise("  Bad\n\trequest:   name  ", 100)).isEqualTo("Bad request: name");
		assertThat(ForeignText.summarise("x".repeat(10), 4)).isEqualTo("xxxx…");
		assertThat(ForeignText.summarise(null, 4)).isEmpty();
	}
}
