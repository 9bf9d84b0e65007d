package dev.switchboard.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sdk.action.ConnectorPermissions;
import dev.switchboard.sdk.config.ConfigProperty;
import dev.switchboard.sdk.config.ConfigSchema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a configured instance is held to what its plugin declared. */
class DeclaredPermissionsTest {

	private static final DeclaredPermissions ZENDESK = new DeclaredPermissions(List.of("*.zendesk.com"),
			List.of("baseUrl"), false, true);
	private static final DeclaredPermissions PINNED = new DeclaredPermissions(List.of("api.example.com"), List.of(),
			false, false);

	@Test
	void should_allow_declared_hosts_subdomains_and_hosts_the_admin_typed_into_a_declared_setting() {
		ZENDESK.check("action-zendesk", ConnectorPermissions.hosts("acme.zendesk.com"), Map.of("subdomain", "acme"));
		ZENDESK.check("action-zendesk", ConnectorPermissions.hosts("*.zendesk.com", "127.0.0.1:8089"),
				Map.of("baseUrl", "http://127.0.0.1:8089/api/v2"));
		PINNED.check("p", ConnectorPermissions.hosts("API.example.com:443"), Map.of());
	}

	@Test
	void should_refuse_a_host_neither_declared_nor_typed_into_a_declared_setting() {
		assertThatThrownBy(() -> ZENDESK.check("action-zendesk", ConnectorPermissions.hosts("zendesk.com.evil.net"),
				Map.of("baseUrl", "https://zendesk.com.evil.net.example/")))
				.isInstanceOf(UndeclaredPermissionException.class)
				.satisfies(e -> assertThat(((UndeclaredPermissionException) e).problems()).containsOnlyKeys("baseUrl"));
		// typed, but into a setting the plugin did not name
		assertThatThrownBy(() -> PINNED.check("p", ConnectorPermissions.hosts("other.example.org"),
				Map.of("site", "https://other.example.org")))
				.satisfies(e -> assertThat(((UndeclaredPermissionException) e).problems())
						.containsEntry("site", "host other.example.org is outside what plugin p declared: hosts "
								+ "api.example.com"));
		// made up by the plugin itself
		assertThatThrownBy(() -> PINNED.check("p", ConnectorPermissions.hosts("tracker.example.net"), Map.of()))
				.satisfies(e -> assertThat(((UndeclaredPermissionException) e).problems()).containsOnlyKeys("hosts"));
	}

	@Test
	void should_refuse_the_end_user_identity_unless_declared() {
		assertThatThrownBy(() -> PINNED.check("p", new ConnectorPermissions(Set.of("api.example.com"), true), Map.of()))
				.satisfies(e -> assertThat(((UndeclaredPermissionException) e).problems()).containsOnlyKeys("endUserIdentity"));
	}

	@Test
	void should_hold_model_url_settings_to_the_declaration() {
		ConfigSchema schema = ConfigSchema.of(ConfigProperty.url("baseUrl", "Base URL", "", false, null),
				ConfigProperty.url("tokenUrl", "Token URL", "", false, null));
		DeclaredPermissions openai = new DeclaredPermissions(List.of("api.openai.com"), List.of("baseUrl"), false, true);

		openai.checkUrls("model-openai", schema, Map.of("baseUrl", "http://localhost:11434/v1",
				"tokenUrl", "https://api.openai.com/token"));
		assertThatThrownBy(() -> openai.checkUrls("model-openai", schema, Map.of("tokenUrl", "https://evil.example/t")))
				.satisfies(e -> assertThat(((UndeclaredPermissionException) e).problems()).containsOnlyKeys("tokenUrl"));
	}

	@Test
	void should_find_a_plugin_that_takes_secrets_without_declaring_it() {
		ConfigSchema withSecret = ConfigSchema.of(ConfigProperty.secret("token", "Token", "", true));

		assertThat(PINNED.contradiction("f", withSecret)).contains("[token]").contains("Plugin-Secrets");
		assertThat(ZENDESK.contradiction("f", withSecret)).isNull();
	}
}
