package dev.switchboard.plugins.openai;

import java.util.Map;

/** The contract for a backend with its default settings: streaming, tools and vision, with an API key. */
class OpenAiModelBackendContractTest extends OpenAiContract {

	@Override
	protected Map<String, String> settings() {
		return Map.of();
	}
}
