package dev.switchboard.plugins.openai;

import java.util.Map;

/** The contract for a backend configured with streaming only, without tools or vision (e.g. a small local model), and without a key. */
class OpenAiTextOnlyContractTest extends OpenAiContract {

	@Override
	protected Map<String, String> settings() {
		return Map.of("capabilities", "streaming", "apiKey", "");
	}
}
