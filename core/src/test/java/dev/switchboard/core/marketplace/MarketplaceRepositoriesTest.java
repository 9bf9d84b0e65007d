package dev.switchboard.core.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.core.problem.ProblemException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading indexes and jars from a web server and from directories, and reporting the ones that cannot be read. */
class MarketplaceRepositoriesTest {

	private static final String INDEX = "{\"plugins\":[{\"id\":\"model-web\",\"kind\":\"model\",\"future\":\"ignored\","
			+ "\"releases\":[{\"version\":\"1.0.0\",\"url\":\"jars/model-web-1.0.0.jar\",\"sha512\":\"00\"}]}]}";

	@TempDir
	Path dir;

	private HttpServer server;

	@BeforeEach
	void serve() throws Exception {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		Map<String, byte[]> files = Map.of("/repo/index.json", INDEX.getBytes(StandardCharsets.UTF_8),
				"/repo/jars/model-web-1.0.0.jar", "jar bytes".getBytes(StandardCharsets.UTF_8));
		server.createContext("/", exchange -> {
			byte[] body = files.get(exchange.getRequestURI().getPath());
			exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
			if (body != null) {
				exchange.getResponseBody().write(body);
			}
			exchange.close();
		});
		server.start();
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	@Test
	void should_read_an_index_over_http_and_download_a_jar_relative_to_it() throws Exception {
		String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/repo";
		PluginRepositories repositories = new PluginRepositories(TestSettings.with(List.of(base), false, dir),
				new ObjectMapper());

		PluginRepositories.Loaded loaded = repositories.load().get(0);
		assertThat(loaded.error()).isNull();
		assertThat(loaded.index().plugins()).extracting(CatalogIndex.Plugin::id).containsExactly("model-web");

		Path jar = dir.resolve("downloaded.jar");
		repositories.download(loaded, loaded.index().plugins().get(0).releases().get(0), jar);
		assertThat(Files.readString(jar)).isEqualTo("jar bytes");
	}

	@Test
	void should_report_unreadable_repositories_and_refuse_plain_http_beyond_loopback() {
		String missing = "http://127.0.0.1:" + server.getAddress().getPort() + "/nothing-here";
		PluginRepositories repositories = new PluginRepositories(TestSettings.with(
				List.of(missing, "http://plugins.example.com/", dir.resolve("empty").toString()), false, dir),
				new ObjectMapper());

		List<PluginRepositories.Loaded> loaded = repositories.load();
		assertThat(loaded).extracting(PluginRepositories.Loaded::error).allSatisfy(error -> assertThat(error).isNotNull());
		assertThat(loaded.get(0).error()).contains("HTTP 404");
		assertThat(loaded.get(1).error()).contains("only https://");
		assertThat(loaded).allSatisfy(l -> assertThat(l.index().plugins()).isEmpty());
		CatalogIndex.Release release = new CatalogIndex.Release("1.0.0", null, null, "x.jar", null, null, null, null);
		assertThatThrownBy(() -> repositories.download(loaded.get(0), release, dir.resolve("x.jar")))
				.isInstanceOfSatisfying(ProblemException.class,
						e -> assertThat(e.problem().code()).isEqualTo("download_failed"));
	}
}
