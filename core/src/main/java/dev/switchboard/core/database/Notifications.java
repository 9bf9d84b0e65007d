package dev.switchboard.core.database;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Listens to the application's database for what nodes announce with {@code pg_notify}, on a connection of its own. */
@ApplicationScoped
public class Notifications {

	private final Vertx vertx;
	private final PgConnectOptions database;

	public Notifications(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
			@ConfigProperty(name = "quarkus.datasource.username") String user,
			@ConfigProperty(name = "quarkus.datasource.password") String password) {
		this.vertx = vertx;
		this.database = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", "")).setUser(user)
				.setPassword(password);
	}

	/** A new subscriber that reconnects a second after losing its connection; the caller connects and closes it. */
	public PgSubscriber subscriber() {
		return PgSubscriber.subscriber(vertx, database).reconnectPolicy(retries -> 1000L);
	}
}
