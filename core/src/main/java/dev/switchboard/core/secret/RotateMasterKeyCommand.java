package dev.switchboard.core.secret;

import io.quarkus.runtime.QuarkusApplication;
import dev.switchboard.core.database.ReactiveCalls;
import jakarta.inject.Inject;

/** {@code java -jar quarkus-run.jar rotate-master-key}: reseals every stored secret, then exits. */
public class RotateMasterKeyCommand implements QuarkusApplication {

	@Inject
	SecretRotation rotation;

	@Override
	public int run(String... args) {
		int changed = ReactiveCalls.await(rotation::rotate);
		System.out.println("Resealed " + changed + " secrets under the current master key.");
		return 0;
	}
}
