package dev.switchboard.core.marketplace;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.core.plugin.DeclaredPermissions;
import dev.switchboard.core.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plugins that depend on other plugins ({@code Plugin-Dependencies}) live in the plugins directory beside them: the
 * marketplace says why it refuses to install one, and never uninstalls a plugin another one needs.
 */
@QuarkusTest
class MarketplaceDependenciesTest {

	@Test
	void should_refuse_a_release_whose_dependency_is_missing_and_say_which() {
		TestRepository.a().publish("model-echo-needs", "echo-needs", "1.0.0", TestRepository.Tamper.NONE, null,
				EchoModelFactory.class, Map.of(DeclaredPermissions.HOSTS, "echo.example.com", "Plugin-Dependencies",
						"model-echo-absent@>=1.0.0"));

		install("model-echo-needs").statusCode(409).contentType("application/problem+json")
				.body("code", equalTo("missing_dependency"))
				.body("detail", containsString("needs the plugins [model-echo-absent >=1.0.0]"));
	}

	@Test
	void should_refuse_a_release_that_depends_on_another_plugin_even_when_it_is_installed() {
		TestRepository.a().publish("model-echo-addon", "echo-addon", "1.0.0", TestRepository.Tamper.NONE, null,
				EchoModelFactory.class, Map.of(DeclaredPermissions.HOSTS, "echo.example.com", "Plugin-Dependencies",
						"action-ledger"));

		install("model-echo-addon").statusCode(422).body("code", equalTo("dependencies_unsupported"))
				.body("detail", containsString("put it in the plugins directory beside them"));
		Api.admin().get("/api/v1/admin/plugins").then().body("find { it.id == 'model-echo-addon' }", equalTo(null));
	}

	@Test
	void should_never_uninstall_a_plugin_another_plugin_needs_even_when_forced() {
		Api.admin().queryParam("force", true).delete("/api/v1/admin/marketplace/action-ledger").then().statusCode(409)
				.body("code", equalTo("plugin_required"))
				.body("detail", containsString("The plugins [ledger-addon] depend on action-ledger"));
		Api.admin().get("/api/v1/admin/plugins").then().body("find { it.id == 'action-ledger' }.state",
				equalTo("started"));
	}

	private static io.restassured.response.ValidatableResponse install(String id) {
		return Api.admin().body(Map.of("version", "1.0.0")).post("/api/v1/admin/marketplace/" + id + "/install").then();
	}
}
