package dev.switchboard.core.chat;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import dev.switchboard.core.tenant.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

@ApplicationScoped
public class RunRepository implements PanacheRepositoryBase<Run, UUID> {

	/** The run, if its conversation is visible to the scope. */
	public Uni<Run> findVisible(Scope scope, UUID id) {
		return find("id = ?1 and tenantId = ?2 and " + ConversationRepository.visibleConversation(scope),
				ConversationRepository.visibleParameters(scope, id)).firstResult();
	}

	/**
	 * Whether the conversation has a run still going, which a new message must wait for. A run whose node stopped
	 * beating (crashed) does not count.
	 */
	public Uni<Boolean> hasLiveRun(UUID conversationId) {
		return count("conversationId = ?1 and status = ?2 and heartbeatAt > ?3", conversationId, Run.RUNNING,
				OffsetDateTime.now().minus(RunEvents.STALE_AFTER)).map(n -> n > 0);
	}

	/** The run that continues the reply the given run ended waiting with, if one started. */
	public Uni<Run> continuationOf(UUID runId) {
		return find("continues", runId).firstResult();
	}
}
