package dev.switchboard.core.marketplace;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.core.plugin.DeclaredPermissions;
import dev.switchboard.core.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a plugin declares it needs is what the admin sees before installing and configuring it, and what every
 * configured instance is held to.
 */
@QuarkusTest
class MarketplacePermissionsTest {

	@Test
	void should_publish_this_repositorys_plugins_with_what_they_truly_need() {
		String release = "plugins.find { it.id == '%s' }.releases[0].permissions";
		String installed = "plugins.find { it.id == '%s' }.installed.permissions";
		Api.admin().get("/api/v1/admin/marketplace").then().statusCode(200)
				.body(release.formatted("action-hubspot") + ".hosts", contains("api.hubapi.com"))
				.body(release.formatted("action-hubspot") + ".hostsFromSettings", contains("baseUrl"))
				.body(release.formatted("action-hubspot") + ".secrets", equalTo(true))
				.body(release.formatted("action-zendesk") + ".hosts", contains("*.zendesk.com"))
				.body(release.formatted("action-jira") + ".hosts", contains("*.atlassian.net"))
				.body(release.formatted("action-forms") + ".hosts", empty())
				.body(release.formatted("action-forms") + ".hostsFromSettings", contains("forms"))
				.body(release.formatted("action-mcp") + ".hostsFromSettings", contains("serverUrl"))
				.body(release.formatted("action-openapi") + ".hostsFromSettings",
						contains("specUrl", "specText", "baseUrl", "tokenUrl"))
				.body(release.formatted("action-openapi") + ".endUserIdentity", equalTo(true))
				.body(release.formatted("model-openai") + ".hosts", contains("api.openai.com"))
				.body(release.formatted("model-openai") + ".hostsFromSettings", contains("baseUrl"))
				.body(release.formatted("embedding-minilm") + ".hosts", empty())
				.body(release.formatted("embedding-minilm") + ".hostsFromSettings", empty())
				.body(release.formatted("embedding-minilm") + ".secrets", equalTo(false))
				// the serving jar declares what its catalog entry shows
				.body(installed.formatted("action-hubspot") + ".hosts", contains("api.hubapi.com"))
				.body(installed.formatted("embedding-minilm") + ".hostsFromSettings", empty());
	}

	@Test
	void should_show_the_declaration_before_install_and_refuse_a_configured_host_beyond_it() {
		TestRepository.a().publish("action-echo-pinned", "echo-pinned", "1.0.0", TestRepository.Tamper.NONE, null,
				EchoConnectorFactory.class, Map.of(DeclaredPermissions.HOSTS, "*.echo.example.com"));
		String listed = "plugins.find { it.id == 'action-echo-pinned' }";
		Api.admin().get("/api/v1/admin/marketplace").then()
				.body(listed + ".releases[0].permissions.hosts", contains("*.echo.example.com"))
				.body(listed + ".releases[0].permissions.hostsFromSettings", empty())
				.body(listed + ".releases[0].permissions.endUserIdentity", equalTo(false));
		Api.admin().body(Map.of("version", "1.0.0")).post("/api/v1/admin/marketplace/action-echo-pinned/install")
				.then().statusCode(200).body("installed.permissions.hosts", contains("*.echo.example.com"));
		Api.admin().body(Map.of("id", "market-pinned", "name", "market-pinned")).post("/api/v1/admin/tenants");
		// the tenant admin sees it too, before configuring a connector
		Api.admin("market-pinned").get("/api/v1/admin/console/factories").then()
				.body("find { it.id == 'echo-pinned' }.permissions.hosts", contains("*.echo.example.com"));

		Api.admin("market-pinned").body(Map.of("factoryId", "echo-pinned", "config",
				Map.of("site", "https://eu.echo.example.com/api"))).put("/api/v1/admin/connectors/site").then()
				.statusCode(200).body("hosts", contains("eu.echo.example.com")).body("live", equalTo(true));
		Api.admin("market-pinned").body(Map.of("factoryId", "echo-pinned", "config",
				Map.of("site", "https://attacker.example.net/api"))).put("/api/v1/admin/connectors/elsewhere").then()
				.statusCode(400).contentType("application/problem+json")
				.body("code", equalTo("permission_not_declared"))
				.body("errors.site", containsString("attacker.example.net is outside what plugin action-echo-pinned "
						+ "declared: hosts *.echo.example.com"));
		Api.admin("market-pinned").get("/api/v1/admin/connectors").then().body("name", contains("site"));
	}

	@Test
	void should_refuse_a_release_whose_index_shows_other_permissions_than_its_jar_declares() {
		TestRepository.a().publishEcho("model-echo-mismatch", "echo-mismatch", "1.0.0",
				TestRepository.Tamper.PERMISSIONS_MISMATCH, null);

		Api.admin().body(Map.of("version", "1.0.0")).post("/api/v1/admin/marketplace/model-echo-mismatch/install")
				.then().statusCode(422).body("code", equalTo("manifest_mismatch"))
				.body("detail", containsString("declares hosts echo.example.com"))
				.body("detail", containsString("its index shows hosts other.example.com"));
	}
}
