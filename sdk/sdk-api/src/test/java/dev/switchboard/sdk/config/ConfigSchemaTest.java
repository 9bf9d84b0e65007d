package dev.switchboard.sdk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

	private final ConfigSchema schema = ConfigSchema.of(
			ConfigProperty.url("baseUrl", "Base URL", "", false, "https://api.example.com/v1"),
			ConfigProperty.secret("apiKey", "API key", "", true),
			ConfigProperty.integer("timeoutSeconds", "Timeout", "", "60"));

	@Test
	void should_apply_defaults_and_keep_given_values() {
		assertThat(schema.validate(Map.of("apiKey", "sk-1")))
				.containsEntry("baseUrl", "https://api.example.com/v1")
				.containsEntry("apiKey", "sk-1")
				.containsEntry("timeoutSeconds", "60");
	}

	@Test
	void should_report_every_problem_without_echoing_values() {
		assertThatThrownBy(() -> schema.validate(Map.of("baseUrl", "ftp://secret-host", "timeoutSeconds", "soon",
				"colour", "blue")))
				.isInstanceOfSatisfying(InvalidConfigException.class, e -> {
					assertThat(e.problems()).containsOnlyKeys("baseUrl", "apiKey", "timeoutSeconds", "colour");
					assertThat(e.getMessage()).doesNotContain("secret-host").doesNotContain("soon");
				});
	}

	@Test
	void should_list_secret_names() {
		assertThat(schema.secretNames()).containsExactly("apiKey");
	}

	@Test
	void should_list_the_settings_only_platform_admins_may_set() {
		ConfigSchema withCommand = ConfigSchema.of(ConfigProperty.string("command", "Command", "", false)
				.onlyForPlatformAdmins(), ConfigProperty.string("label", "Label", "", false));

		assertThat(withCommand.platformAdminOnlyNames()).containsExactly("command");
		assertThat(withCommand.property("command").orElseThrow().withDefault("node").platformAdminOnly()).isTrue();
		assertThat(schema.platformAdminOnlyNames()).isEmpty();
	}

	@Test
	void should_not_print_values_of_an_instance_config() {
		InstanceConfig config = new InstanceConfig("t", "main", Map.of("apiKey", "sk-very-secret"));
		assertThat(config.toString()).doesNotContain("sk-very-secret").contains("apiKey");
	}
}
