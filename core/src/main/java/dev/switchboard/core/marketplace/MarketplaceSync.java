package dev.switchboard.core.marketplace;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import dev.switchboard.core.database.Notifications;
import io.vertx.pgclient.pubsub.PgChannel;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps this node on the shared installed set: reconciles once it listens (at start and after a reconnect), whenever a node announces a change on
 * {@link SharedInstalls#CHANNEL} (PostgreSQL LISTEN/NOTIFY, delivered once the change is committed), and every
 * {@code switchboard.marketplace.reconcile-interval} as a safety net for a notification missed while the connection
 * was down. All of it runs on one thread of its own, never on the event loop: reconciling may download a jar.
 */
@ApplicationScoped
public class MarketplaceSync {

	private static final Logger LOG = Logger.getLogger(MarketplaceSync.class);

	private final Notifications notifications;
	private final Marketplace marketplace;
	private final MarketplaceSettings settings;
	private ScheduledExecutorService worker;
	private PgSubscriber subscriber;

	public MarketplaceSync(Notifications notifications, Marketplace marketplace, MarketplaceSettings settings) {
		this.notifications = notifications;
		this.marketplace = marketplace;
		this.settings = settings;
	}

	void onStart(@Observes StartupEvent event) {
		start();
	}

	void onStop(@Observes ShutdownEvent event) {
		stop();
	}

	/** Starts listening and reconciling; the container calls it at start. */
	public synchronized void start() {
		worker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("marketplace-sync").daemon()
				.factory());
		subscriber = notifications.subscriber();
		PgChannel channel = subscriber.channel(SharedInstalls.CHANNEL);
		channel.handler(pluginId -> worker.execute(() -> run(() -> marketplace.reconcile(pluginId))));
		// Listening from now on; what was announced before (or while the connection was down) is read whole.
		channel.subscribeHandler(subscribed -> worker.execute(() -> run(marketplace::reconcile)));
		subscriber.connect().onFailure(e -> LOG.warnf("Not listening for plugin installs of other nodes: %s",
				e.getMessage()));
		long interval = settings.reconcileInterval().toMillis();
		worker.scheduleWithFixedDelay(() -> run(marketplace::reconcile), interval, interval, TimeUnit.MILLISECONDS);
	}

	/** Stops listening and reconciling. */
	public synchronized void stop() {
		if (subscriber != null) {
			subscriber.close();
		}
		if (worker != null) {
			worker.shutdownNow();
		}
	}

	private static void run(Runnable reconcile) {
		try {
			reconcile.run();
		} catch (RuntimeException e) {
			LOG.warnf("Reconciling with the shared installed set failed; retried at the next change or interval: %s",
					e.getMessage());
		}
	}
}
