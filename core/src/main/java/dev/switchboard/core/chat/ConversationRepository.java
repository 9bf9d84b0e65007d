package dev.switchboard.core.chat;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Conversations, always looked up within a tenant. */
@ApplicationScoped
public class ConversationRepository implements PanacheRepositoryBase<Conversation, UUID> {

	public Uni<Conversation> findOwned(String tenantId, UUID id) {
		return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
	}

	public Uni<List<Conversation>> listOwned(String tenantId, int page, int size) {
		return find("tenantId", Sort.descending("updatedAt"), tenantId).page(Page.of(page, size)).list();
	}
}
