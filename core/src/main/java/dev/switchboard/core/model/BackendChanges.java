package dev.switchboard.core.model;

import dev.switchboard.core.action.Connectors;
import dev.switchboard.core.routing.TenantRouting;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

	private final Vertx vertx;
	private final ModelBackends backends;
	private final TenantRouting routing;
	private final Connectors connectors;
	private final String url;
	private final String user;
	private final String password;
	private PgSubscriber subscriber;

	public BackendChanges(Vertx vertx, ModelBackends backends, TenantRouting routing, Connectors connectors,
			@ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
			@ConfigProperty(name = "quarkus.datasource.username") String user,
			@ConfigProperty(name = "quarkus.datasource.password") String password) {
		this.vertx = vertx;
		this.backends = backends;
		this.routing = routing;
		this.connectors = connectors;
		this.url = url;
		this.user = user;
		this.password = password;
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
		PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
				.setUser(user).setPassword(password);
		subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
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
