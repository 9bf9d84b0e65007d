package dev.switchboard.core;

import dev.switchboard.core.database.EmbeddedDatabase;
import dev.switchboard.core.secret.RotateMasterKeyCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the embedded PostgreSQL when no database is configured, then Quarkus. The database must be up before
 * Quarkus starts: Flyway and Hibernate Reactive connect during runtime init, before any startup event. Operator
 * sign-in through OIDC is switched on by naming the realm in {@code SWITCHBOARD_OIDC_URL}. With the argument
 * {@code rotate-master-key} it reseals the stored secrets under the current master key and exits.
 */
@QuarkusMain
public final class Main {

	public static void main(String... args) {
		EmbeddedDatabase.configure();
		String oidc = System.getenv("SWITCHBOARD_OIDC_URL");
		if (oidc != null && !oidc.isBlank()) {
			System.setProperty("quarkus.oidc.tenant-enabled", "true");
		}
		if (args.length > 0 && args[0].equals("rotate-master-key")) {
			// A one-off command beside a possibly running server: no HTTP port of its own.
			System.setProperty("quarkus.http.host-enabled", "false");
			Quarkus.run(RotateMasterKeyCommand.class, args);
			return;
		}
		Quarkus.run(args);
	}
}
