package dev.switchboard.core.chat;

import dev.switchboard.core.action.JobWatcher.JobFinished;
import dev.switchboard.core.action.JobWatcher.JobProgressed;
import dev.switchboard.core.action.JobWatcher.JobStarted;
import dev.switchboard.core.database.ReactiveCalls;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Makes the jobs of long-running actions visible in their conversation: their start and progress as conversation
 * events, and their end as an assistant message with its {@code job_finished} event, written together.
 */
@ApplicationScoped
public class JobResults {

	private static final Logger LOG = Logger.getLogger(JobResults.class);

	private final MessageRepository messages;
	private final ConversationRepository conversations;
	private final ConversationEvents events;
	private final EventJson json;

	public JobResults(MessageRepository messages, ConversationRepository conversations, ConversationEvents events,
			EventJson json) {
		this.messages = messages;
		this.conversations = conversations;
		this.events = events;
		this.json = json;
	}

	void started(@Observes JobStarted job) {
		appendQuietly(job.tenantId(), job.conversationId(), ConversationEvents.JOB_STARTED, json.jobStarted(job));
	}

	void progressed(@Observes JobProgressed job) {
		appendQuietly(job.tenantId(), job.conversationId(), ConversationEvents.JOB_PROGRESS, json.jobProgress(job));
	}

	void finished(@Observes JobFinished job) {
		Message message = new Message();
		message.id = UUID.randomUUID();
		message.tenantId = job.tenantId();
		message.conversationId = job.conversationId();
		message.role = Message.ASSISTANT;
		message.status = Message.COMPLETE;
		String text = (job.succeeded() ? "Done: " : "Failed: ") + job.action() + " — "
				+ (job.summary() == null || job.summary().isBlank() ? "no details" : job.summary());
		message.parts = List.of(MessagePart.text(text));
		message.createdAt = OffsetDateTime.now();
		ReactiveCalls.await(() -> Panache.withTransaction(() -> messages.persist(message)
				.call(() -> conversations.update("updatedAt = ?1 where id = ?2", message.createdAt, job.conversationId()))
				.call(() -> events.append(job.tenantId(), job.conversationId(), ConversationEvents.JOB_FINISHED,
						json.jobFinished(job, message.id, text)))));
	}

	/** A lost start or progress event costs a watcher a line of progress, never the job: it is logged, not thrown. */
	private void appendQuietly(String tenantId, UUID conversationId, String name, String event) {
		try {
			ReactiveCalls.await(() -> Panache.withTransaction(() -> events.append(tenantId, conversationId, name, event)));
		} catch (RuntimeException e) {
			LOG.warnf("Could not record %s in conversation %s: %s", name, conversationId, e.getMessage());
		}
	}
}
