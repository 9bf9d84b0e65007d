package dev.switchboard.core.chat;

import dev.switchboard.core.tenant.Scope;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
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

	/** Marks a pending call answered; false when it was answered already (a replay or a race). */
	public Uni<Boolean> answer(UUID id) {
		return update("status = ?1, answeredAt = ?2 where id = ?3 and status = ?4", ClientToolCall.ANSWERED,
				OffsetDateTime.now(), id, ClientToolCall.PENDING).map(changed -> changed == 1);
	}
}
