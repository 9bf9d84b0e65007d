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
		String visible = "id = ?1 and tenantId = ?2 and conversationId in (select c.id from Conversation c where c.tenantId = ?2"
				+ (scope.endUserOnly() ? " and c.endUserId = ?3)" : ")");
		return scope.endUserOnly() ? find(visible, id, scope.tenantId(), scope.endUserId()).firstResult()
				: find(visible, id, scope.tenantId()).firstResult();
	}
}
