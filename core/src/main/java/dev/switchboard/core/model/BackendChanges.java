package dev.switchboard.core.model;

import dev.switchboard.core.action.Connectors;
import dev.switchboard.core.routing.TenantRouting;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import dev.switchboard.core.database.Notifications;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Tells every node when a tenant's backends, routing settings or connectors change, through PostgreSQL LISTEN/NOTIFY: the
 * notification is sent in the transaction that stores the change, so nodes hear of it exactly when it is committed,
 * and each drops its cache of what changed for that tenant, and nothing else: a routing change must not close the
 * backend instances a turn in flight is about to call.
 */
@ApplicationScoped
public class BackendChanges {

	private static final String CHANNEL = "switchboard_backends";
	private static final Logger LOG = Logger.getLogger(BackendChanges.class);

	private final Notifications notifications;
	private final ModelBackends backends;
	private final TenantRouting routing;
	private final Connectors connectors;
	private PgSubscriber subscriber;

	public BackendChanges(Notifications notifications, ModelBackends backends, TenantRouting routing,
			Connectors connectors) {
		this.notifications = notifications;
		this.backends = backends;
		this.routing = routing;
		this.connectors = connectors;
	}

	/** What changed. */
	public enum Change {
		BACKENDS, ROUTING, CONNECTORS
	}

	/** Announces a change in the current transaction: PostgreSQL delivers it on commit, to every node (this one too). */
	public Uni<Void> announce(String tenantId, Change change) {
		return Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT pg_notify(?1, ?2)")
				.setParameter(1, CHANNEL).setParameter(2, change + ":" + tenantId).getSingleResult()).replaceWithVoid();
	}

	void listen(@Observes StartupEvent event) {
		subscriber = notifications.subscriber();
		subscriber.channel(CHANNEL).handler(payload -> {
			String tenantId = payload.substring(payload.indexOf(':') + 1);
			switch (Change.valueOf(payload.substring(0, payload.indexOf(':')))) {
				case BACKENDS -> backends.invalidate(tenantId);
				case ROUTING -> routing.invalidate(tenantId);
				case CONNECTORS -> connectors.invalidate(tenantId);
			}
		});
		subscriber.connect().onFailure(e -> LOG.warnf("Not listening for backend changes: %s", e.getMessage()));
	}

	void stop(@Observes ShutdownEvent event) {
		if (subscriber != null) {
			subscriber.close();
		}
	}
}
