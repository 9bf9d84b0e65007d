package dev.switchboard.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The default tenant's zero-configuration backend: {@code SWITCHBOARD_OPENAI_*} when set, otherwise a local Ollama
 * on 127.0.0.1:11434 if one answers (through its OpenAI-compatible {@code /v1}), otherwise none.
 */
@ApplicationScoped
public class EnvironmentBackends {

	static final String OPENAI_FACTORY = "openai";
	private static final Logger LOG = Logger.getLogger(EnvironmentBackends.class);

	private final Optional<String> baseUrl;
	private final Optional<String> apiKey;
	private final Optional<String> model;
	private final boolean detectOllama;
	private final String ollamaUrl;
	private final ObjectMapper json;

	public EnvironmentBackends(@ConfigProperty(name = "switchboard.openai.base-url") Optional<String> baseUrl,
			@ConfigProperty(name = "switchboard.openai.api-key") Optional<String> apiKey,
			@ConfigProperty(name = "switchboard.openai.model") Optional<String> model,
			@ConfigProperty(name = "switchboard.ollama.detect") boolean detectOllama,
			@ConfigProperty(name = "switchboard.ollama.url") String ollamaUrl, ObjectMapper json) {
		this.baseUrl = baseUrl.filter(s -> !s.isBlank());
		this.apiKey = apiKey.filter(s -> !s.isBlank());
		this.model = model.filter(s -> !s.isBlank());
		this.detectOllama = detectOllama;
		this.ollamaUrl = ollamaUrl;
		this.json = json;
	}

	/** The configuration values for the default tenant's backend and where they came from, if any. */
	public Optional<Map.Entry<String, Map<String, String>>> defaultBackendConfig() {
		if (model.isPresent() || baseUrl.isPresent()) {
			if (model.isEmpty()) {
				LOG.warn("SWITCHBOARD_OPENAI_BASE_URL is set but SWITCHBOARD_OPENAI_MODEL is not: no default backend");
				return Optional.empty();
			}
			Map<String, String> config = new LinkedHashMap<>();
			baseUrl.ifPresent(v -> config.put("baseUrl", v));
			apiKey.ifPresent(v -> config.put("apiKey", v));
			config.put("model", model.get());
			return Optional.of(Map.entry("environment", config));
		}
		return detectOllama ? ollama().map(config -> Map.entry("ollama-detected", config)) : Optional.empty();
	}

	private Optional<Map<String, String>> ollama() {
		try {
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(ollamaUrl + "/api/tags"))
					.timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
			JsonNode models = json.readTree(response.body()).path("models");
			if (response.statusCode() != 200 || models.isEmpty()) {
				return Optional.empty();
			}
			String name = models.get(0).path("name").asText();
			LOG.infof("Detected Ollama at %s; the default tenant uses its model %s", ollamaUrl, name);
			// Ollama's models differ in what they can do; tools are common, vision is not.
			return Optional.of(Map.of("baseUrl", ollamaUrl + "/v1", "model", name, "capabilities", "streaming,tools"));
		} catch (Exception e) {
			LOG.debugf("No Ollama at %s: %s", ollamaUrl, e.getMessage());
			return Optional.empty();
		} 
	}
}
