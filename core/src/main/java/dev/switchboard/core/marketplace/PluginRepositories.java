package dev.switchboard.core.marketplace;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the configured repositories' indexes and downloads their jars. A repository is a directory (a path or a
 * {@code file:} URI) or an {@code https://} URL of a folder or of its index.json; plain {@code http://} is accepted
 * for loopback addresses only. Downloads are checked by {@link ReleaseVerifier}, not here.
 */
@ApplicationScoped
class PluginRepositories {

	/** One repository's index, or why it could not be read. */
	record Loaded(String repository, URI indexUri, CatalogIndex index, String error) {
	}

	private final MarketplaceSettings settings;
	private final ObjectMapper json;
	private final HttpClient http;

	PluginRepositories(MarketplaceSettings settings, ObjectMapper json) {
		this.settings = settings;
		this.json = json;
		this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
				.connectTimeout(settings.downloadTimeout()).build();
	}

	/** Every repository's index, in the configured order; an unreadable one is reported, not fatal. */
	List<Loaded> load() {
		List<Loaded> loaded = new ArrayList<>();
		for (String repository : settings.repositories()) {
			URI index = indexUri(repository);
			try (InputStream in = open(index)) {
				loaded.add(new Loaded(repository, index, json.readValue(in, CatalogIndex.class), null));
			} catch (IOException | RuntimeException e) {
				loaded.add(new Loaded(repository, index, new CatalogIndex(List.of()),
						"index not readable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
			}
		}
		return loaded;
	}

	/** Downloads a release's jar into {@code target} (replacing it). */
	void download(Loaded repository, CatalogIndex.Release release, Path target) {
		URI jar = repository.indexUri().resolve(release.url());
		try (InputStream in = open(jar)) {
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
		} catch (IOException | RuntimeException e) {
			throw new ProblemException(502, "download_failed", "Download failed", "The jar of " + release.url()
					+ " could not be fetched from " + repository.repository() + ": " + e.getMessage());
		}
	}

	private InputStream open(URI uri) throws IOException {
		if ("file".equals(uri.getScheme())) {
			return Files.newInputStream(Path.of(uri));
		}
		boolean loopback = "http".equals(uri.getScheme()) && List.of("127.0.0.1", "localhost", "[::1]").contains(uri.getHost());
		if (!"https".equals(uri.getScheme()) && !loopback) {
			throw new IOException("only https:// repositories (or http:// on loopback) are fetched, not " + uri);
		}
		try {
			HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(settings.downloadTimeout())
					.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200) {
				response.body().close();
				throw new IOException("HTTP " + response.statusCode() + " from " + uri);
			}
			return response.body();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while fetching " + uri);
		}
	}

	/** A folder's index.json; a URL that already names a .json file is taken as it is. */
	private static URI indexUri(String repository) {
		String value = repository.strip();
		if (value.startsWith("https://") || value.startsWith("http://")) {
			return URI.create(value.endsWith(".json") ? value : (value.endsWith("/") ? value : value + "/") + "index.json");
		}
		Path path = value.startsWith("file:") ? Path.of(URI.create(value)) : Path.of(value);
		path = path.toAbsolutePath().normalize();
		return path.toString().endsWith(".json") ? path.toUri() : path.resolve("index.json").toUri();
	}
}
