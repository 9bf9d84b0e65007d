package dev.switchboard.core.packaged;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.core.web.Browsers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators signing in through a real Keycloak 26 that imported docker/keycloak's realm, against the packaged app
 * with SWITCHBOARD_OIDC_URL set: by token for the API, and in Chromium on Keycloak's own sign-in page for the admin
 * console (authorization code with PKCE).
 */
class KeycloakSignInIT {

	@TempDir
	static Path dataDir;
	private static KeycloakServer keycloak;
	private static PackagedApp app;

	@BeforeAll
	static void start() throws Exception {
		int port = PackagedApp.freePort();
		keycloak = KeycloakServer.start("http://127.0.0.1:" + port + "/admin/");
		app = PackagedApp.start(dataDir, port, Map.of("SWITCHBOARD_OIDC_URL", keycloak.realmUrl()));
	}

	@AfterAll
	static void stop() throws Exception {
		if (app != null) {
			app.close();
		}
		if (keycloak != null) {
			keycloak.close();
		}
	}

	@Test
	void should_let_the_demo_tenant_admin_use_the_admin_api() throws Exception {
		String token = keycloak.passwordGrant("alice", "alice");
		given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + token).get("/api/v1/admin/backends").then()
				.statusCode(200);
		given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + token).contentType("application/json")
				.body(Map.of("allowedOrigins", List.of("https://app.example"))).put("/api/v1/admin/widget").then()
				.statusCode(200);
	}

	@Test
	void should_refuse_changes_by_the_viewer() throws Exception {
		String token = keycloak.passwordGrant("victor", "victor");
		given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + token).get("/api/v1/admin/widget").then()
				.statusCode(200);
		given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + token).contentType("application/json")
				.body(Map.of("allowedOrigins", List.of())).put("/api/v1/admin/widget").then().statusCode(403);
	}

	@Test
	void should_let_the_platform_admin_see_all_tenants() throws Exception {
		String token = keycloak.passwordGrant("platform", "platform");
		given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + token).get("/api/v1/admin/tenants").then()
				.statusCode(200);
	}

	@Test
	void should_sign_the_demo_tenant_admin_in_to_the_console_on_the_keycloak_page() {
		String widgetId = given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + PackagedApp.ADMIN_KEY)
				.get("/api/v1/admin/widget").then().statusCode(200).extract().path("publicId");
		try (BrowserContext browser = Browsers.chromium().newContext()) {
			Page page = signIn(browser, "alice");
			assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Models");
			assertThat(page.getByLabel("Tenant")).hasCount(0);

			page.navigate(app.baseUrl() + "/admin/#/widget");
			assertThat(page.getByLabel("Embed snippet")).hasValue(Pattern.compile("data-widget-id=\"" + widgetId + "\""));
			page.navigate(app.baseUrl() + "/admin/#/keys");
			page.getByLabel("Name").fill("alice-server");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create key")).click();
			assertThat(page.getByLabel("New key alice-server (shown once)")).hasValue(Pattern.compile("^\\S{16,}$"));
			assertThat(page.locator("tr[data-key='alice-server']")).containsText("chat");
			Browsers.screenshot(page, "keycloak-tenant-admin");
		}
	}

	@Test
	void should_show_the_viewer_the_keys_without_the_controls_that_change_them() {
		try (BrowserContext browser = Browsers.chromium().newContext()) {
			Page page = signIn(browser, "victor");
			page.navigate(app.baseUrl() + "/admin/#/keys");
			assertThat(page.getByRole(AriaRole.TABLE)).isVisible();
			assertThat(page.locator("form[aria-label='New API key']")).isHidden();
			Browsers.screenshot(page, "keycloak-viewer-keys");
		}
	}

	/** Opens the console, follows "Sign in with Keycloak" and signs in on Keycloak's page; back on the console. */
	private static Page signIn(BrowserContext browser, String user) {
		Page page = browser.newPage();
		page.navigate(app.baseUrl() + "/admin/");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with Keycloak")).click();
		page.waitForURL(url -> url.startsWith(keycloak.realmUrl()));
		if ("alice".equals(user)) {
			Browsers.screenshot(page, "keycloak-sign-in");
		}
		page.locator("#username").fill(user);
		page.locator("#password").fill(user);
		page.locator("#kc-login").click();
		assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Sections"))).isVisible();
		return page;
	}

	@Test
	void should_answer_401_without_a_token() {
		given().baseUri(app.baseUrl()).get("/api/v1/admin/backends").then().statusCode(401);
	}
}
