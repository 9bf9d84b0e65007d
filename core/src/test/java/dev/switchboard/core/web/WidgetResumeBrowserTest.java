package dev.switchboard.core.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import dev.switchboard.sdk.testkit.openai.Reply;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A stream that drops mid-answer is resumed from the last whole event, without losing or repeating text. */
@QuarkusTest
class WidgetResumeBrowserTest extends HostPageTestBase {

	@Test
	void should_resume_a_dropped_stream_without_losing_or_repeating_text() {
		upstream.enqueue(Reply.text("Alpha ", "beta ", "gamma ", "delta ", "epsilon."));
		List<Request> eventRequests = new CopyOnWriteArrayList<>();
		AtomicBoolean dropped = new AtomicBoolean();
		page.route("**/api/v1/runs/*/events", route -> {
			eventRequests.add(route.request());
			if (dropped.compareAndSet(false, true)) {
				dropMidway(route);
			} else {
				route.resume();
			}
		});
		page.navigate(launcherPage(""));
		send("Five words please");

		assertThat(assistantMessages().last()).hasAttribute("aria-busy", "false");
		assertThat(assistantMessages().last().locator(".markdown")).hasText("Alpha beta gamma delta epsilon.");
		assertThat(eventRequests).hasSize(2);
		assertThat(eventRequests.get(0).headers()).doesNotContainKey("last-event-id");
		// Events 1-4 were RUN_STARTED, TEXT_MESSAGE_START and two deltas; the fifth arrived only in part.
		assertThat(eventRequests.get(1).headers()).containsEntry("last-event-id", "4");
	}

	/**
	 * Answers with the real stream cut off inside its fifth event, as a proxy or a flaky network drops a connection.
	 */
	private static void dropMidway(Route route) {
		APIResponse real = route.fetch();
		String stream = new String(real.body(), StandardCharsets.UTF_8);
		int cut = 0;
		for (int event = 0; event < 4; event++) {
			cut = stream.indexOf("\n\n", cut) + 2;
		}
		String partialFifth = stream.substring(cut, stream.indexOf("\n\n", cut) - 5);
		route.fulfill(new Route.FulfillOptions().setResponse(real)
				.setBody(stream.substring(0, cut) + partialFifth));
	}
}
