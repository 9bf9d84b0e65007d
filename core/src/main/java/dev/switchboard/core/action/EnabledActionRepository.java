package dev.switchboard.core.action;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class EnabledActionRepository implements PanacheRepositoryBase<EnabledActionEntity, EnabledActionEntity.Key> {

	public Uni<List<EnabledActionEntity>> listByTenant(String tenantId) {
		return list("tenantId", tenantId);
	}
}
