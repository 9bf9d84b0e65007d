package dev.switchboard.core.chat;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import dev.switchboard.core.tenant.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Conversations, always looked up within a scope: a tenant, and for widget users their own conversations. */
@ApplicationScoped
public class ConversationRepository implements PanacheRepositoryBase<Conversation, UUID> {

	public Uni<Conversation> findOwned(Scope scope, UUID id) {
		return scope.endUserOnly()
				? find("id = ?1 and tenantId = ?2 and endUserId = ?3", id, scope.tenantId(), scope.endUserId()).firstResult()
				: find("id = ?1 and tenantId = ?2", id, scope.tenantId()).firstResult();
	}

	/**
	 * An HQL condition on an entity's {@code conversationId}: the conversation is visible to the scope. Takes the
	 * tenant as {@code ?2} and, for an end-user scope, the end user as {@code ?3}.
	 */
	static String visibleConversation(Scope scope) {
		return "conversationId in (select c.id from Conversation c where c.tenantId = ?2"
				+ (scope.endUserOnly() ? " and c.endUserId = ?3)" : ")");
	}

	/** Parameters for a query on {@code id = ?1} within {@link #visibleConversation}. */
	static Object[] visibleParameters(Scope scope, UUID id) {
		return scope.endUserOnly() ? new Object[] { id, scope.tenantId(), scope.endUserId() }
				: new Object[] { id, scope.tenantId() };
	}

	public Uni<List<Conversation>> listOwned(Scope scope, int page, int size) {
		return (scope.endUserOnly()
				? find("tenantId = ?1 and endUserId = ?2", Sort.descending("updatedAt"), scope.tenantId(), scope.endUserId())
				: find("tenantId", Sort.descending("updatedAt"), scope.tenantId())).page(Page.of(page, size)).list();
	}
}
