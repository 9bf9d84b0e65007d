package dev.switchboard.core.chat;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import dev.switchboard.core.tenant.Scope;
import dev.switchboard.core.action.ActionInvocation;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
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

	/**
	 * The runs that ended waiting with a reply not continued yet, each the latest of its conversation, where a client
	 * tool call made before {@code clientToolsBefore} still has no result or a proposal expired by {@code now}: the
	 * replies whose last outcome may be an expiry, which no request brings.
	 */
	public Uni<List<Run>> waitingOnExpired(OffsetDateTime clientToolsBefore, OffsetDateTime now) {
		return list("from Run r where r.status = ?1 and not exists (from Run c where c.continues = r.id) "
				+ "and not exists (from Run later where later.conversationId = r.conversationId and later.createdAt > r.createdAt) "
				+ "and (exists (from ClientToolCall t where t.runId = r.id and t.status = ?2 and t.createdAt <= ?3) "
				+ "or exists (from ActionInvocation a where a.runId = r.id and a.status = ?4 and a.expiresAt <= ?5))",
				Run.FINISHED, ClientToolCall.PENDING, clientToolsBefore, ActionInvocation.PROPOSED, now);
	}

	/** The run that continues the reply the given run ended waiting with, if one started. */
	public Uni<Run> continuationOf(UUID runId) {
		return find("continues", runId).firstResult();
	}
}
