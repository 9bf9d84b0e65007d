package dev.switchboard.core.chat;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<Message, UUID> {

	/** The conversation's messages, oldest first. */
	public Uni<List<Message>> listOwned(String tenantId, UUID conversationId) {
		return list("conversationId = ?1 and tenantId = ?2", Sort.ascending("seq"), conversationId, tenantId);
	}
}
