package dev.switchboard.core.marketplace;

import dev.switchboard.sdk.config.ConfigSchema;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.model.CallContext;
import dev.switchboard.sdk.model.Capability;
import dev.switchboard.sdk.model.ChatCall;
import dev.switchboard.sdk.model.ChatResult;
import dev.switchboard.sdk.model.ChatStreamListener;
import dev.switchboard.sdk.model.FinishReason;
import dev.switchboard.sdk.model.ModelBackend;
import dev.switchboard.sdk.model.ModelBackendFactory;
import dev.switchboard.sdk.model.ModelInfo;
import dev.switchboard.sdk.model.TokenUsage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;

/**
 * A tiny model plugin the marketplace tests package in several versions: it answers {@code echo <version>}, with its
 * factory id and version read from {@code echo.properties} in its own jar (so each jar differs only by that file).
 * A message containing {@code hold} parks the call until the test releases it, to keep a call in flight across an
 * upgrade: the latches live in the system properties because the plugin's classes are not the test's.
 */
@Extension
public class EchoModelFactory implements ModelBackendFactory {

	/** System property key of the latch the call counts down once it is in flight. */
	public static final String ENTERED = "switchboard.test.echo.entered";
	/** System property key of the latch the call waits for. */
	public static final String RELEASE = "switchboard.test.echo.release";

	private final EchoRelease release = EchoRelease.of(getClass());

	@Override
	public String id() {
		return release.factoryId();
	}

	@Override
	public String title() {
		return "Echo " + release.version();
	}

	@Override
	public ConfigSchema configSchema() {
		return ConfigSchema.of();
	}

	@Override
	public ModelBackend create(InstanceConfig config) {
		String answer = "echo " + release.version();
		return new ModelBackend() {
			@Override
			public ModelInfo info() {
				return new ModelInfo("echo", Set.of(Capability.STREAMING), 4096);
			}

			@Override
			public ChatResult chat(ChatCall call, CallContext context) {
				holdIfAsked(call);
				return new ChatResult(answer, List.of(), FinishReason.STOP, TokenUsage.UNKNOWN, "echo");
			}

			@Override
			public void stream(ChatCall call, CallContext context, ChatStreamListener listener) {
				holdIfAsked(call);
				listener.onTextDelta(answer);
				listener.onComplete(new ChatResult(answer, List.of(), FinishReason.STOP, TokenUsage.UNKNOWN, "echo"));
			}
		};
	}

	private static void holdIfAsked(ChatCall call) {
		if (!call.messages().get(call.messages().size() - 1).text().contains("hold")) {
			return;
		}
		((CountDownLatch) System.getProperties().get(ENTERED)).countDown();
		try {
			// A bound only so a broken test cannot hang the build; the test releases the call explicitly.
			((CountDownLatch) System.getProperties().get(RELEASE)).await(60, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
