package dev.switchboard.plugins.openai;

import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.model.ModelBackend;
import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import java.util.HashMap;
import java.util.Map;

/** Creates backends the way the host does: raw values validated against the schema, then {@code create}. */
final class OpenAiBackends {

	private OpenAiBackends() {
	}

	static ModelBackend against(FakeOpenAiUpstream upstream, Map<String, String> overrides) {
		Map<String, String> raw = new HashMap<>(Map.of("baseUrl", upstream.baseUrl(), "apiKey", "sk-test",
				"model", "gpt-4o-mini"));
		raw.putAll(overrides);
		OpenAiModelBackendFactory factory = new OpenAiModelBackendFactory();
		return factory.create(new InstanceConfig("tenant-a", "openai-main", factory.configSchema().validate(raw)));
	}
}
