package dev.switchboard.core.widget;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

@ApplicationScoped
public class WidgetSessionRepository implements PanacheRepositoryBase<WidgetSession, UUID> {

	public Uni<WidgetSession> findLive(String tokenHash) {
		return find("tokenHash = ?1 and expiresAt > ?2", tokenHash, OffsetDateTime.now()).firstResult();
	}
}
