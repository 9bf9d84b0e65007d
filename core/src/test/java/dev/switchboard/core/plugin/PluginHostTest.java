package dev.switchboard.core.plugin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.switchboard.core.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/**
 * The app loads the packaged plugin jars the build produced, and reports each broken jar with its reason while
 * serving on (see PluginsDirResource for the broken jars).
 */
@QuarkusTest
class PluginHostTest {

	@Test
	void should_load_the_packaged_model_plugin() {
		plugins().body("find { it.id == 'model-openai' }.state", equalTo("started"))
				.body("find { it.id == 'model-openai' }.kinds", hasItem("model"))
				.body("find { it.id == 'model-openai' }.factories", hasItem("openai"))
				.body("find { it.id == 'model-openai' }.version", equalTo("0.1.0-SNAPSHOT"));
	}

	@Test
	void should_report_a_bad_manifest() {
		plugins().body("find { it.file == 'Bad_Id-1.0.0.jar' }.state", equalTo("failed"))
				.body("find { it.file == 'Bad_Id-1.0.0.jar' }.reason", containsString("kebab-case"));
	}

	@Test
	void should_report_a_missing_class() {
		plugins().body("find { it.id == 'missing-class' }.state", equalTo("failed"))
				.body("find { it.id == 'missing-class' }.reason", containsString("com.example.NoSuchFactory"));
	}

	@Test
	void should_report_a_plugin_that_fails_to_start() {
		plugins().body("find { it.id == 'failing-start' }.state", equalTo("failed"))
				.body("find { it.id == 'failing-start' }.reason", containsString("cannot reach its license server"));
	}

	@Test
	void should_report_an_incompatible_sdk_version() {
		plugins().body("find { it.id == 'future-sdk' }.state", equalTo("disabled"))
				.body("find { it.id == 'future-sdk' }.reason", containsString(">=9.0.0"));
	}

	@Test
	void should_never_show_stack_traces() {
		plugins().body(not(containsString("\tat "))).body(not(containsString("Exception:")));
	}

	private static ValidatableResponse plugins() {
		return Api.admin().get("/api/v1/admin/plugins").then().statusCode(200);
	}
}
