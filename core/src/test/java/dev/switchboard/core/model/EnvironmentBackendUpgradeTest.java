package dev.switchboard.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.plugin.LoadedPlugin;
import dev.switchboard.core.plugin.PluginHost;
import dev.switchboard.core.secret.SecretBox;
import dev.switchboard.core.support.PluginJars;
import dev.switchboard.core.tenant.CurrentTenant;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default tenant's zero-configuration backend follows an upgrade of model-openai like every tenant's backends:
 * made again from the serving version, so the old version unloads. Runs on a plugin host of its own, so the app's
 * plugins stay as they are.
 */
@QuarkusTest
class EnvironmentBackendUpgradeTest {

	@Inject
	BackendConfigRepository rows;
	@Inject
	SecretBox secrets;
	@Inject
	BackendHealth health;
	@Inject
	ObjectMapper json;

	@TempDir
	Path dir;

	@Test
	void should_make_the_environment_backend_again_from_the_upgraded_plugin() throws Exception {
		PluginHost host = PluginJars.startHost(dir, "model-openai.jar");
		try {
			EnvironmentBackends environment = new EnvironmentBackends(Optional.of("http://127.0.0.1:9/v1"),
					Optional.empty(), Optional.of("local-model"), false, "http://127.0.0.1:11434", json);
			ModelBackends backends = new ModelBackends(host, rows, environment, secrets, health);
			ConfiguredBackend before = environmentBackend(backends);
			LoadedPlugin old = host.serving("model-openai").orElseThrow();

			PluginHost.Activation upgrade = host.activate(PluginJars.withVersion(PluginJars.built("model-openai.jar"),
					"0.1.1-test", Files.createDirectories(dir.resolve("new"))));
			backends.factoriesReplaced(upgrade.activated().modelFactoryIds());
			host.retire(upgrade.replaced().orElseThrow(), () -> {
			});

			old.whenUnloaded().toCompletableFuture().get(30, TimeUnit.SECONDS);
			ConfiguredBackend after = environmentBackend(backends);
			assertThat(after.backend()).isNotSameAs(before.backend());
			assertThat(after.info().model()).isEqualTo("local-model");
		} finally {
			host.stop();
		}
	}

	private static ConfiguredBackend environmentBackend(ModelBackends backends) {
		return ReactiveCalls.await(() -> backends.forTenant(CurrentTenant.DEFAULT)).stream()
				.filter(b -> b.source().equals("environment")).findFirst().orElseThrow();
	}
}
