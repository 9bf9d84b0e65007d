package dev.switchboard.core.action;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ConnectorRepository implements PanacheRepositoryBase<ConnectorEntity, ConnectorEntity.Key> {

	public Uni<List<ConnectorEntity>> listByTenant(String tenantId) {
		return list("tenantId", Sort.by("name"), tenantId);
	}

	public Uni<ConnectorEntity> findOwned(String tenantId, String name) {
		return findById(new ConnectorEntity.Key(tenantId, name));
	}
}
