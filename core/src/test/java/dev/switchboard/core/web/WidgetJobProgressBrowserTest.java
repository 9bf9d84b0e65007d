package dev.switchboard.core.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.core.action.JobWatcher;
import dev.switchboard.core.support.ActionTurns;
import dev.switchboard.core.support.LedgerApi;
import dev.switchboard.sdk.testkit.openai.Reply;
import dev.switchboard.sdk.testkit.openai.Reply.ScriptedToolCall;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A long-running action in the browser: the answer that started the job has ended, and the widget still shows the
 * job's progress and then its result as they happen, also after a reload. The job is polled by hand
 * ({@link JobWatcher#pollOnce}).
 */
@QuarkusTest
class WidgetJobProgressBrowserTest extends HostPageTestBase {

	private static final String TENANT = "widget-jobs";
	private static boolean configured;

	@Inject
	JobWatcher jobs;

	private final LedgerApi ledger = LedgerApi.get();

	@Override
	String preparedTenant() {
		ledger.reset();
		if (!configured) {
			ActionTurns.actionTenant(TENANT, upstream).withLedger(ledger, "ledger_export");
			configured = true;
		}
		return TENANT;
	}

	@Test
	void should_show_a_jobs_progress_and_result_after_the_answer_that_started_it() {
		ledger.answer("{\"jobId\":\"job-77\",\"state\":\"running\"}");
		upstream.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_e", "ledger_export", "{\"account\":\"A-1\"}")))
				.enqueue(Reply.text("I started the export; the file follows here when it is ready."));
		page.navigate(launcherPage(""));
		send("Export account A-1");

		Locator job = chat().locator(".job");
		assertThat(assistantMessages().first()).containsText("I started the export");
		assertThat(assistantMessages().first()).hasAttribute("aria-busy", "false");
		assertThat(job).hasText("ledger_export: started");

		jobs.pollOnce();
		assertThat(job).hasText("ledger_export: 50% – exporting");
		assertThat(job.locator("progress")).hasJSProperty("value", 0.5);

		ledger.answer("{\"state\":\"done\",\"rows\":12}");
		jobs.pollOnce();
		assertThat(assistantMessages().last()).containsText("Done: ledger_export — export job-77 is ready");
		assertThat(job).hasText("ledger_export: finished");
		assertThat(job.locator("progress")).hasCount(0);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> hooks = (List<Map<String, Object>>) page.evaluate("() => window.hookCalls");
		assertThat(hooks).anySatisfy(hook -> assertThat(hook).containsEntry("hook", "message")
				.containsEntry("text", "Done: ledger_export — export job-77 is ready"));
	}

	@Test
	void should_show_a_running_jobs_progress_again_after_a_reload_and_its_result_once() {
		ledger.answer("{\"jobId\":\"job-78\",\"state\":\"running\"}");
		upstream.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_e", "ledger_export", "{\"account\":\"B-2\"}")))
				.enqueue(Reply.text("Export started."));
		page.navigate(launcherPage(""));
		send("Export account B-2");
		assertThat(chat().locator(".job")).hasText("ledger_export: started");
		jobs.pollOnce();
		assertThat(chat().locator(".job")).hasText("ledger_export: 50% – exporting");

		page.reload();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open chat")).click();

		assertThat(assistantMessages().first()).containsText("Export started.");
		assertThat(chat().locator(".job")).hasText("ledger_export: 50% – exporting");
		ledger.answer("{\"state\":\"done\",\"rows\":3}");
		jobs.pollOnce();
		assertThat(assistantMessages().last()).containsText("Done: ledger_export — export job-78 is ready");
		assertThat(chat().locator(".message.assistant", new Locator.LocatorOptions().setHasText("Done: ledger_export")))
				.hasCount(1);
		assertThat(chat().locator(".job")).hasText("ledger_export: finished");
	}
}
