package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.plugin.LoadedPlugin;
import dev.switchboard.core.plugin.PluginHost;
import dev.switchboard.core.support.PluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router follows an upgrade of the embedding plugin without a restart, and lets the old version unload. */
class RouterServiceUpgradeTest {

	@TempDir
	Path dir;

	@Test
	void should_build_the_router_again_over_the_upgraded_embedder_and_release_the_old_one() throws Exception {
		PluginHost host = PluginJars.startHost(dir, "embedding-minilm.jar");
		try {
			RouterService service = new RouterService(host);
			Router before = service.router();
			assertThat(service.router()).isSameAs(before);
			LoadedPlugin old = host.serving("embedding-minilm").orElseThrow();

			PluginHost.Activation upgrade = host.activate(PluginJars.withVersion(PluginJars.built("embedding-minilm.jar"),
					"0.1.1-test", Files.createDirectories(dir.resolve("new"))));
			host.retire(upgrade.replaced().orElseThrow(), () -> {
			});
			assertThat(old.unloaded()).as("the router's embedder still holds it").isFalse();

			Router after = service.router();

			assertThat(after).isNotSameAs(before);
			old.whenUnloaded().toCompletableFuture().get(30, TimeUnit.SECONDS);
			assertThat(service.router()).isSameAs(after);
		} finally {
			host.stop();
		}
	}
}
