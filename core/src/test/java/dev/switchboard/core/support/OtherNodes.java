package dev.switchboard.core.support;

import dev.switchboard.core.database.Notifications;
import io.vertx.core.Vertx;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** What a second node in the test JVM shares with the app: the database, reached on connections of its own. */
public final class OtherNodes {

	private OtherNodes() {
	}

	/** The second node's own LISTEN connections to the shared database. */
	public static Notifications notifications(Vertx vertx) {
		Config config = ConfigProvider.getConfig();
		return new Notifications(vertx, config.getValue("quarkus.datasource.reactive.url", String.class),
				config.getValue("quarkus.datasource.username", String.class),
				config.getValue("quarkus.datasource.password", String.class));
	}
}
