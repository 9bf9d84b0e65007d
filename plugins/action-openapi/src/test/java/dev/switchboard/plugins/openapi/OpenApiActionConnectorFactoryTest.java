package dev.switchboard.plugins.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.config.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings the schema alone cannot check, and the hosts the factory declares; offline. */
class OpenApiActionConnectorFactoryTest {

	static final String INLINE = """
			{"openapi":"3.1.0","info":{"title":"t","version":"1"},"servers":[{"url":"https://{region}.api.example.com/v1",
			 "variables":{"region":{"default":"eu"}}}],"paths":{}}
			""";

	private final OpenApiActionConnectorFactory factory = new OpenApiActionConnectorFactory();

	@Test
	void should_declare_the_documents_server_with_its_variables_filled_in() {
		assertThat(factory.permissions(config(Map.of("specText", INLINE))).hosts()).containsExactly("eu.api.example.com");
	}

	@Test
	void should_declare_the_document_host_the_base_url_host_and_the_token_host() {
		assertThat(factory.permissions(config(Map.of("specUrl", "https://docs.example.com/openapi.json", "baseUrl",
				"https://api.example.com", "authMode", "oauth2-client-credentials", "tokenUrl",
				"https://login.example.com/token", "clientId", "id", "clientSecret", "secret"))).hosts())
				.containsExactlyInAnyOrder("docs.example.com", "api.example.com", "login.example.com");
	}

	@Test
	void should_want_exactly_one_document_source() {
		assertProblem(Map.of(), "specUrl");
		assertProblem(Map.of("specText", INLINE, "specUrl", "https://docs.example.com/openapi.json"), "specUrl");
	}

	@Test
	void should_want_a_token_url_before_fetching_a_document() {
		assertProblem(Map.of("specUrl", "https://docs.example.com/openapi.json", "authMode", "oauth2-client-credentials",
				"clientId", "id", "clientSecret", "secret"), "tokenUrl");
	}

	@Test
	void should_refuse_unknown_effects_and_missing_credentials() {
		assertProblem(Map.of("specText", INLINE, "effects", "{\"deleteAll\":\"HARMLESS\"}"), "effects");
		assertProblem(Map.of("specText", INLINE, "authMode", "bearer"), "bearerToken");
	}

	@Test
	void should_keep_every_credential_secret() {
		assertThat(factory.configSchema().secretNames()).containsExactlyInAnyOrder("bearerToken", "apiKey",
				"clientSecret");
	}

	private void assertProblem(Map<String, String> values, String property) {
		assertThatThrownBy(() -> factory.permissions(config(values))).isInstanceOf(InvalidConfigException.class)
				.satisfies(e -> assertThat(((InvalidConfigException) e).problems()).containsKey(property));
	}

	private InstanceConfig config(Map<String, String> values) {
		return new InstanceConfig("tenant", "api", factory.configSchema().validate(values));
	}
}
