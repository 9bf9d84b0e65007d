package dev.switchboard.core.action;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.LedgerApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Settings a plugin marks platform-admin only: a tenant admin can neither set nor change them (403 problem), keeps
 * them by leaving them blank, and a platform admin sets them. The MCP connector's stdio command and arguments are such
 * settings, so no tenant admin can make the host start a program; letting a connector reach the deployment's private
 * network (for a connector, or as a model backend's URL) is another.
 */
@QuarkusTest
class PlatformAdminSettingsTest {

	private static final String TENANT = "settings";

	@Test
	void should_refuse_a_tenant_admin_who_sets_the_mcp_stdio_command_and_store_nothing() {
		RequestSpecification tenantAdmin = tenantAdmin();

		tenantAdmin.body(Map.of("factoryId", "mcp", "config", Map.of("transport", "stdio", "command", "node", "args",
				"[\"-e\", \"require('child_process').execSync('id')\"]"))).put("/api/v1/admin/connectors/shell").then()
				.statusCode(403).contentType("application/problem+json")
				.body("code", equalTo("setting_requires_platform_admin"))
				.body("errors.command", notNullValue()).body("errors.args", notNullValue());
		Api.admin(TENANT).get("/api/v1/admin/connectors").then().body("find { it.name == 'shell' }", nullValue());
	}

	@Test
	void should_let_only_a_platform_admin_change_a_platform_admin_setting() {
		RequestSpecification tenantAdmin = tenantAdmin();
		Map<String, String> config = new HashMap<>(Map.of("baseUrl", LedgerApi.get().baseUrl()));

		// A tenant admin may create the connector with the plugin's default, not choose another value.
		tenantAdmin.body(body(config, "us")).put("/api/v1/admin/connectors/regional").then().statusCode(403)
				.contentType("application/problem+json").body("errors.dataRegion", notNullValue());
		tenantAdmin().body(body(config, null)).put("/api/v1/admin/connectors/regional").then().statusCode(200)
				.body("config.dataRegion", equalTo("eu"));

		Api.admin(TENANT).body(body(config, "us")).put("/api/v1/admin/connectors/regional").then().statusCode(200)
				.body("config.dataRegion", equalTo("us"));

		// Sent back unchanged, or left out, it keeps the platform admin's choice; any other value is refused.
		tenantAdmin().body(body(config, "us")).put("/api/v1/admin/connectors/regional").then().statusCode(200)
				.body("config.dataRegion", equalTo("us"));
		tenantAdmin().body(body(config, null)).put("/api/v1/admin/connectors/regional").then().statusCode(200)
				.body("config.dataRegion", equalTo("us"));
		tenantAdmin().body(body(config, "eu")).put("/api/v1/admin/connectors/regional").then().statusCode(403)
				.body("code", equalTo("setting_requires_platform_admin"));
		Api.admin(TENANT).get("/api/v1/admin/connectors").then()
				.body("find { it.name == 'regional' }.config.dataRegion", equalTo("us"));
	}

	@Test
	void should_let_only_a_platform_admin_open_the_deployment_network_to_a_connector() {
		Map<String, Object> privateNetwork = Map.of("factoryId", "ledger", "config", Map.of("baseUrl",
				LedgerApi.get().baseUrl()), "allowPrivateNetwork", true);

		// Loopback, private and cloud-metadata addresses belong to the deployment: no tenant admin opens them.
		tenantAdmin().body(privateNetwork).put("/api/v1/admin/connectors/internal").then().statusCode(403)
				.contentType("application/problem+json").body("code", equalTo("setting_requires_platform_admin"));
		Api.admin(TENANT).get("/api/v1/admin/connectors").then().body("find { it.name == 'internal' }", nullValue());

		Api.admin(TENANT).body(privateNetwork).put("/api/v1/admin/connectors/internal").then().statusCode(200);
		// Once a platform admin allowed it, the tenant admin may keep it, or close it again.
		tenantAdmin().body(privateNetwork).put("/api/v1/admin/connectors/internal").then().statusCode(200);
		tenantAdmin().body(Map.of("factoryId", "ledger", "config", Map.of("baseUrl", LedgerApi.get().baseUrl())))
				.put("/api/v1/admin/connectors/internal").then().statusCode(200);
		tenantAdmin().body(privateNetwork).put("/api/v1/admin/connectors/internal").then().statusCode(403);
	}

	@Test
	void should_let_only_a_platform_admin_point_a_model_backend_at_the_deployment_network() {
		for (String inside : List.of("http://169.254.169.254/v1", "http://localhost:11434/v1", "http://10.0.0.7/v1")) {
			Map<String, Object> backend = Map.of("factoryId", "openai", "config", Map.of("baseUrl", inside, "model", "m"));
			tenantAdmin().body(backend).put("/api/v1/admin/backends/inside").then().statusCode(403)
					.contentType("application/problem+json").body("code", equalTo("setting_requires_platform_admin"))
					.body("errors.baseUrl", notNullValue());
			Api.admin(TENANT).get("/api/v1/admin/backends").then().body("find { it.name == 'inside' }", nullValue());
			Api.admin(TENANT).body(backend).put("/api/v1/admin/backends/inside").then().statusCode(200);
			Api.admin(TENANT).delete("/api/v1/admin/backends/inside").then().statusCode(204);
		}
	}

	private static Map<String, Object> body(Map<String, String> config, String region) {
		Map<String, String> values = new HashMap<>(config);
		if (region != null) {
			values.put("dataRegion", region);
		}
		return Map.of("factoryId", "ledger", "config", values);
	}

	/** A request as an admin API key of the tenant: a tenant admin, not a platform admin. */
	private static RequestSpecification tenantAdmin() {
		Api.admin().body(Map.of("id", TENANT, "name", TENANT)).post("/api/v1/admin/tenants");
		String key = Api.admin(TENANT).body(Map.of("name", "tenant-admin-" + System.nanoTime(), "scope", "admin"))
				.post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("key");
		return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
	}
}
