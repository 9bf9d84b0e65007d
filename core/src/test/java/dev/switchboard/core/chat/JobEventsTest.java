package dev.switchboard.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.action.JobWatcher;
import dev.switchboard.core.support.ActionTurns;
import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.FakeUpstreamResource;
import dev.switchboard.core.support.LedgerApi;
import dev.switchboard.core.support.Sse;
import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import dev.switchboard.sdk.testkit.openai.Reply;
import dev.switchboard.sdk.testkit.openai.Reply.ScriptedToolCall;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A long-running action's job seen live after the run that started it closed: a client watching the conversation gets
 * the job's start, its progress and its result as typed events, resumable with Last-Event-ID. The job is polled by
 * hand ({@link JobWatcher#pollOnce}); the test profile turns the timer off.
 */
@QuarkusTest
class JobEventsTest {

	private static final String TENANT = "job-events";
	private static final ActionTurns TURNS = new ActionTurns(TENANT);
	private static boolean configured;

	@Inject
	JobWatcher jobs;

	private final FakeOpenAiUpstream model = FakeUpstreamResource.upstream();
	private final LedgerApi ledger = LedgerApi.get();

	@BeforeEach
	void tenantWithTheLedgerExport() {
		model.reset();
		ledger.reset();
		if (!configured) {
			ActionTurns.actionTenant(TENANT, model).withLedger(ledger, "ledger_export");
			configured = true;
		}
	}

	@Test
	@Timeout(60)
	void should_stream_a_jobs_progress_and_result_to_a_watcher_after_its_run_closed() throws Exception {
		ledger.answer("{\"jobId\":\"job-42\",\"state\":\"running\"}");
		model.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_e", "ledger_export", "{\"account\":\"A-1\"}")))
				.enqueue(Reply.text("I started the export."));
		String conversation = TURNS.conversation();
		List<Sse.Event> run = TURNS.chat(conversation, "export account A-1");
		assertThat(Sse.types(run)).last().isEqualTo("RUN_FINISHED");

		JsonNode progress;
		JsonNode finished;
		String progressId;
		try (Sse.Watcher watcher = Sse.Watcher.open(TENANT, conversation)) {
			Sse.Event started = watcher.next();
			assertThat(started.data().path("name").asText()).isEqualTo("job_started");
			assertThat(started.data().at("/value/jobId").asText()).isEqualTo("job-42");
			assertThat(started.data().at("/value/action").asText()).isEqualTo("ledger_export");

			jobs.pollOnce();
			Sse.Event progressed = watcher.next();
			progressId = progressed.id();
			progress = progressed.data().path("value");
			jobs.pollOnce(); // the same progress again is not news

			ledger.answer("{\"state\":\"done\",\"rows\":12}");
			jobs.pollOnce();
			Sse.Event ended = watcher.next();
			finished = ended.data().path("value");
			assertThat(ended.data().path("name").asText()).isEqualTo("job_finished");
			assertThat(watcher.ended()).as("the stream ends once no job is running").isTrue();
		}
		assertThat(progress.path("fraction").asDouble()).isEqualTo(0.5);
		assertThat(progress.path("message").asText()).isEqualTo("exporting");
		assertThat(progress.path("progress").asText()).isEqualTo("50% – exporting");
		assertThat(finished.path("status").asText()).isEqualTo("succeeded");
		assertThat(finished.path("text").asText()).isEqualTo("Done: ledger_export — export job-42 is ready");
		assertThat(finished.path("invocationId").asText()).isEqualTo(progress.path("invocationId").asText());
		// The result is in the history by the time a watcher hears of it.
		Api.admin(TENANT).get("/api/v1/conversations/" + conversation).then()
				.body("messages[-1].id", equalTo(finished.path("messageId").asText()))
				.body("messages[-1].parts[0].text", equalTo("Done: ledger_export — export job-42 is ready"));

		// A watcher that dropped after the progress resumes with the result only; a new one replays all three.
		List<Sse.Event> resumed = Sse.parse(Api.admin(TENANT).header("Last-Event-ID", progressId)
				.accept("text/event-stream").get("/api/v1/conversations/" + conversation + "/events").then()
				.statusCode(200).extract().asString());
		assertThat(resumed).extracting(e -> e.data().path("name").asText()).containsExactly("job_finished");
		List<Sse.Event> replayed = Sse.parse(Api.admin(TENANT).accept("text/event-stream")
				.get("/api/v1/conversations/" + conversation + "/events").then().statusCode(200).extract().asString());
		assertThat(replayed).extracting(Sse.Event::id).containsExactly("1", "2", "3");
	}

	@Test
	void should_end_the_stream_of_a_conversation_without_jobs_and_refuse_a_foreign_one() {
		String conversation = TURNS.conversation();
		assertThat(Sse.parse(Api.admin(TENANT).accept("text/event-stream").get("/api/v1/conversations/" + conversation
				+ "/events").then().statusCode(200).extract().asString())).isEmpty();
		List<Sse.Event> foreign = Sse.parse(Api.admin("default").accept("text/event-stream")
				.get("/api/v1/conversations/" + conversation + "/events").then().extract().asString());
		assertThat(foreign).singleElement().satisfies(e -> {
			assertThat(e.type()).isEqualTo("RUN_ERROR");
			assertThat(e.data().path("code").asText()).isEqualTo("conversation_not_found");
		});
	}
}
