package dev.switchboard.core.marketplace;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.core.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The catalog merges the configured repositories and shows, per plugin, what is installed and what could be. */
@QuarkusTest
class MarketplaceCatalogTest {

	@Test
	void should_merge_two_repositories_newest_release_first() {
		TestRepository.a().publishEcho("model-echo-merge", "echo-merge", "1.0.0");
		TestRepository.a().publishEcho("model-echo-only-a", "echo-only-a", "1.0.0");
		TestRepository.b().publishEcho("model-echo-merge", "echo-merge", "1.0.0");
		TestRepository.b().publishEcho("model-echo-merge", "echo-merge", "2.0.0");
		TestRepository.b().publishEcho("model-echo-merge", "echo-merge", "3.0.0", TestRepository.Tamper.NONE, ">=9.0.0");
		TestRepository.b().publishEcho("model-echo-only-b", "echo-only-b", "1.0.0");

		String merged = "plugins.find { it.id == 'model-echo-merge' }";
		Api.admin().get("/api/v1/admin/marketplace").then().statusCode(200)
				.body("repositories", hasSize(3))
				.body(merged + ".releases.version", contains("3.0.0", "2.0.0", "1.0.0"))
				// the first repository listing a plugin or a version wins
				.body(merged + ".name", equalTo("Echo (repo-a)"))
				.body(merged + ".releases.find { it.version == '1.0.0' }.repository", endsWith("repo-a"))
				.body(merged + ".releases.find { it.version == '2.0.0' }.repository", endsWith("repo-b"))
				.body(merged + ".releases.find { it.version == '3.0.0' }.compatible", equalTo(false))
				.body(merged + ".releases.find { it.version == '2.0.0' }.compatible", equalTo(true))
				.body(merged + ".releases.find { it.version == '2.0.0' }.signature", equalTo("trusted"))
				.body(merged + ".releases.find { it.version == '2.0.0' }.permissions.hosts", contains("echo.example.com"))
				.body(merged + ".latestVersion", equalTo("2.0.0"))
				.body(merged + ".installed", nullValue())
				.body("plugins.id", hasItem("model-echo-only-a"))
				.body("plugins.id", hasItem("model-echo-only-b"));
	}

	@Test
	void should_show_the_builds_own_signed_plugins_as_installed_from_the_plugins_directory() {
		Api.admin().get("/api/v1/admin/marketplace").then().statusCode(200)
				.body("sdkVersion", notNullValue())
				.body("allowUnsigned", equalTo(false))
				.body("repositories[0].repository", endsWith("target/marketplace"))
				.body("repositories[0].error", nullValue())
				.body("plugins.find { it.id == 'model-openai' }.kind", equalTo("model"))
				.body("plugins.find { it.id == 'model-openai' }.installed.source", equalTo("plugins-dir"))
				.body("plugins.find { it.id == 'model-openai' }.installed.factories", contains("openai"))
				.body("plugins.find { it.id == 'model-openai' }.releases[0].signature", equalTo("trusted"))
				.body("plugins.find { it.id == 'model-openai' }.releases[0].compatible", equalTo(true))
				// installed, but in no repository
				.body("plugins.find { it.id == 'action-ledger' }.installed.version", equalTo("1.0.0"))
				.body("plugins.find { it.id == 'action-ledger' }.releases", hasSize(0));
	}

	@Test
	void should_be_for_platform_admins_only() {
		io.restassured.RestAssured.given().get("/api/v1/admin/marketplace").then().statusCode(401);
	}
}
