package dev.switchboard.core.chat;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class AttachmentRepository implements PanacheRepositoryBase<Attachment, UUID> {

	public Uni<Attachment> findOwned(String tenantId, UUID id) {
		return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
	}
}
