package dev.switchboard.core.chat;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import dev.switchboard.core.tenant.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class AttachmentRepository implements PanacheRepositoryBase<Attachment, UUID> {

	/** The attachment, if it was sent in a conversation the scope may see. */
	public Uni<Attachment> findOwned(Scope scope, UUID id) {
		return find("id = ?1 and tenantId = ?2 and " + ConversationRepository.visibleConversation(scope),
				ConversationRepository.visibleParameters(scope, id)).firstResult();
	}
}
