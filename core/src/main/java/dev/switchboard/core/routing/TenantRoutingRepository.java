package dev.switchboard.core.routing;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class TenantRoutingRepository implements PanacheRepositoryBase<TenantRoutingEntity, String> {
}
