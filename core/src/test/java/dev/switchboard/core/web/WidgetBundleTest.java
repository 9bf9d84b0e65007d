package dev.switchboard.core.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** What a host page downloads: one script, small, cacheable, with both libraries kept out of the page's globals. */
@QuarkusTest
class WidgetBundleTest {

	private static final int BUDGET_GZIPPED_BYTES = 60 * 1024;

	@Test
	void should_serve_one_script_within_the_size_budget_with_a_long_cache() throws IOException {
		byte[] script = given().get("/widget/switchboard.js").then().statusCode(200)
				.header("Content-Type", startsWith("text/javascript"))
				.header("Cache-Control", equalTo("public, max-age=86400, stale-while-revalidate=604800"))
				.header("X-Content-Type-Options", "nosniff").extract().asByteArray();

		ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
			gzip.write(script);
		}
		System.out.printf("widget bundle: %d bytes, %d gzipped%n", script.length, gzipped.size());
		assertThat(gzipped.size()).isLessThanOrEqualTo(BUDGET_GZIPPED_BYTES);
		String source = new String(script, StandardCharsets.UTF_8);
		assertThat(source).contains("DOMPurify 3.").contains("marked v16").doesNotContain("sourceMappingURL");
	}

	@Test
	void should_serve_the_demo_page_and_the_bundled_licenses() {
		given().get("/widget/demo.html").then().statusCode(200).header("Content-Type", startsWith("text/html"));
		given().get("/widget/licenses/dompurify.txt").then().statusCode(200);
		given().get("/widget/licenses/marked.txt").then().statusCode(200);
	}
}
