package dev.switchboard.core.support;

import dev.switchboard.core.database.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL for the whole test run, from the same embedded binaries the app uses by default, on a fresh data
 * directory. Applies to every {@code @QuarkusTest}, so the app boots once.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

	private static EmbeddedPostgres postgres;
	private Path dir;

	@Override
	public Map<String, String> start() {
		try {
			dir = Files.createTempDirectory("switchboard-test-pg");
			postgres = EmbeddedDatabase.start(dir);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return Map.of(
				"quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
				"quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
				"quarkus.datasource.username", "postgres",
				"quarkus.datasource.password", "postgres");
	}

	/** The running server, for tests that check rows directly. */
	public static EmbeddedPostgres postgres() {
		return postgres;
	}

	@Override
	public void stop() {
		try {
			postgres.close();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		TempDirs.delete(dir);
	}
}
