package dev.switchboard.core.chat;

import dev.switchboard.core.action.JobWatcher.JobFinished;
import dev.switchboard.core.database.ReactiveCalls;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Posts the result of a long-running action into its conversation when the job ends, as an assistant message. */
@ApplicationScoped
public class JobResults {

	private final MessageRepository messages;
	private final ConversationRepository conversations;

	public JobResults(MessageRepository messages, ConversationRepository conversations) {
		this.messages = messages;
		this.conversations = conversations;
	}

	void post(@Observes JobFinished job) {
		Message message = new Message();
		message.id = UUID.randomUUID();
		message.tenantId = job.tenantId();
		message.conversationId = job.conversationId();
		message.role = Message.ASSISTANT;
		message.status = Message.COMPLETE;
		message.parts = List.of(MessagePart.text((job.succeeded() ? "Done: " : "Failed: ") + job.action() + " — "
				+ (job.summary() == null || job.summary().isBlank() ? "no details" : job.summary())));
		message.createdAt = OffsetDateTime.now();
		ReactiveCalls.await(() -> Panache.withTransaction(() -> messages.persist(message)
				.call(() -> conversations.update("updatedAt = ?1 where id = ?2", message.createdAt, job.conversationId()))));
	}
}
