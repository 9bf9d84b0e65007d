package dev.switchboard.core.auth;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, UUID> {

	public Uni<ApiKey> findActiveByHash(String hash) {
		return find("keyHash = ?1 and revokedAt is null", hash).firstResult();
	}

	public Uni<List<ApiKey>> listOwned(String tenantId) {
		return list("tenantId", Sort.descending("createdAt"), tenantId);
	}

	public Uni<ApiKey> findOwned(String tenantId, UUID id) {
		return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
	}
}
