package dev.switchboard.core.model;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class BackendConfigRepository implements PanacheRepositoryBase<BackendConfigEntity, BackendConfigEntity.Key> {

	public Uni<List<BackendConfigEntity>> listByTenant(String tenantId) {
		return list("tenantId", Sort.by("position").and("name"), tenantId);
	}

	public Uni<BackendConfigEntity> findOwned(String tenantId, String name) {
		return findById(new BackendConfigEntity.Key(tenantId, name));
	}
}
