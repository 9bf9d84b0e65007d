package dev.switchboard.plugins.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.switchboard.sdk.config.ConfigProperty;
import dev.switchboard.sdk.config.ConfigSchema;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.config.InvalidConfigException;
import dev.switchboard.sdk.model.Capability;
import dev.switchboard.sdk.model.ModelBackend;
import dev.switchboard.sdk.model.ModelBackendFactory;
import dev.switchboard.sdk.model.ModelInfo;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Model backends for any server that speaks OpenAI's Chat Completions API: OpenAI itself, vLLM, llama.cpp, LM Studio,
 * Ollama ({@code /v1}). Stateless; each {@link #create} builds its own HTTP client.
 */
@Extension
public final class OpenAiModelBackendFactory implements ModelBackendFactory {

	static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

	private static final ConfigSchema SCHEMA = ConfigSchema.of(
			ConfigProperty.url("baseUrl", "Base URL",
					"The API root, ending in /v1: e.g. http://localhost:11434/v1 for Ollama, http://localhost:8000/v1 for vLLM.",
					false, DEFAULT_BASE_URL),
			ConfigProperty.secret("apiKey", "API key", "Sent as a bearer token; local servers usually need none.", false),
			ConfigProperty.string("model", "Model", "The model name the server knows, e.g. gpt-4o-mini or llama3.1:8b.",
					true),
			ConfigProperty.integer("contextWindow", "Context window",
					"The most tokens a call may carry, input and output together.", "128000"),
			new ConfigProperty("capabilities", "Capabilities",
					"Comma-separated: streaming, tools, vision. Declare only what the model really supports.",
					ConfigProperty.Type.STRING, false, false, "streaming,tools,vision", List.of()),
			ConfigProperty.integer("timeoutSeconds", "Timeout (seconds)",
					"The longest one upstream call may take; a turn's own budget may be shorter.", "60"));

	@Override
	public String id() {
		return "openai";
	}

	@Override
	public String title() {
		return "OpenAI-compatible Chat Completions";
	}

	@Override
	public ConfigSchema configSchema() {
		return SCHEMA;
	}

	@Override
	public ModelBackend create(InstanceConfig config) {
		Duration timeout = Duration.ofSeconds(config.getInt("timeoutSeconds", 60));
		ModelInfo info = new ModelInfo(config.require("model"), capabilities(config.get("capabilities").orElse("")),
				config.getInt("contextWindow", 128_000));
		OpenAIOkHttpClient.Builder client = OpenAIOkHttpClient.builder()
				.baseUrl(config.get("baseUrl").orElse(DEFAULT_BASE_URL))
				// The host retries and falls back across backends itself; a hidden retry here would double the wait.
				.maxRetries(0)
				.timeout(timeout);
		// The SDK insists on a key; keyless local servers ignore the bearer header.
		client.apiKey(config.get("apiKey").filter(key -> !key.isBlank()).orElse("none"));
		OpenAIClient built = client.build();
		return new OpenAiModelBackend(built, info, timeout);
	}

	private static Set<Capability> capabilities(String list) {
		Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
		for (String name : list.split(",")) {
			String trimmed = name.trim();
			if (trimmed.isEmpty()) {
				continue;
			}
			try {
				capabilities.add(Capability.valueOf(trimmed.toUpperCase(Locale.ROOT)));
			} catch (IllegalArgumentException e) {
				throw new InvalidConfigException(Map.of("capabilities",
						"must list only streaming, tools and vision; not " + trimmed));
			}
		}
		return capabilities;
	}
}
