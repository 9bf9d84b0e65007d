package dev.switchboard.core.support;

import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * An OpenAI-compatible upstream in OpenAI's exact wire format, configured as the default tenant's backend (through
 * the same SWITCHBOARD_OPENAI_* settings a user sets), so the whole suite's model calls go through the real
 * model-openai plugin jar.
 */
public class FakeUpstreamResource implements QuarkusTestResourceLifecycleManager {

	public static final String API_KEY = "sk-test-upstream-key";
	private static FakeOpenAiUpstream upstream;

	@Override
	public Map<String, String> start() {
		upstream = FakeOpenAiUpstream.start();
		return Map.of("switchboard.openai.base-url", upstream.baseUrl(), "switchboard.openai.model", "fake-model",
				"switchboard.openai.api-key", API_KEY);
	}

	/** The running upstream, to script replies and inspect requests. */
	public static FakeOpenAiUpstream upstream() {
		return upstream;
	}

	@Override
	public void stop() {
		upstream.close();
	}
}
