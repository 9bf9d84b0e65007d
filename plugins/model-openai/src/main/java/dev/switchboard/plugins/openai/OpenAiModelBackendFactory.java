package dev.switchboard.plugins.openai;

import dev.switchboard.plugins.openai.internal.client.ChatCompletionsClient;
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
		// No retries here: the host retries and falls back across backends itself.
		ChatCompletionsClient client = new ChatCompletionsClient(config.get("baseUrl").orElse(DEFAULT_BASE_URL),
				config.get("apiKey").filter(key -> !key.isBlank()).orElse(null), timeout);
		return new OpenAiModelBackend(client, info, timeout);
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
