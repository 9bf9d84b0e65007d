package dev.switchboard.core.chat;

import dev.switchboard.core.tenant.Scope;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ClientToolCallRepository implements PanacheRepositoryBase<ClientToolCall, UUID> {

	/**
	 * The latest call with that id in the conversation, if it was made for the scope's end user (for tenant-wide
	 * credentials: a call in a conversation no end user owns). Model-given ids repeat across turns; the latest counts.
	 */
	public Uni<ClientToolCall> findOwned(Scope scope, UUID conversationId, String toolCallId) {
		return (scope.endUserOnly()
				? find("tenantId = ?1 and conversationId = ?2 and toolCallId = ?3 and endUserId = ?4",
						Sort.descending("createdAt"), scope.tenantId(), conversationId, toolCallId, scope.endUserId())
				: find("tenantId = ?1 and conversationId = ?2 and toolCallId = ?3 and endUserId is null",
						Sort.descending("createdAt"), scope.tenantId(), conversationId, toolCallId)).firstResult();
	}

	/** Marks a pending call answered with its result; false when it was answered already (a replay or a race). */
	public Uni<Boolean> answer(UUID id, String result) {
		return update("status = ?1, result = ?2, answeredAt = ?3 where id = ?4 and status = ?5", ClientToolCall.ANSWERED,
				result, OffsetDateTime.now(), id, ClientToolCall.PENDING).map(changed -> changed == 1);
	}

	/** The ids of the run's calls still waiting for a result: pending and made after {@code since} (older ones expired). */
	public Uni<List<String>> awaiting(UUID runId, OffsetDateTime since) {
		return find("runId = ?1 and status = ?2 and createdAt > ?3", Sort.ascending("createdAt"), runId,
				ClientToolCall.PENDING, since).list().map(calls -> calls.stream().map(c -> c.toolCallId).toList());
	}

	/** The run's calls, answered or not. */
	public Uni<List<ClientToolCall>> ofRun(UUID runId) {
		return list("runId", runId);
	}
}
