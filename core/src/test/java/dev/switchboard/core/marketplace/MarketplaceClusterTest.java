package dev.switchboard.core.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.core.action.ConnectorRepository;
import dev.switchboard.core.action.Connectors;
import dev.switchboard.core.action.EnabledActionRepository;
import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.model.BackendConfigRepository;
import dev.switchboard.core.model.BackendHealth;
import dev.switchboard.core.model.ConfiguredBackend;
import dev.switchboard.core.model.EnvironmentBackends;
import dev.switchboard.core.model.ModelBackends;
import dev.switchboard.core.plugin.LoadedPlugin;
import dev.switchboard.core.plugin.PluginHost;
import dev.switchboard.core.record.ConnectorRecords;
import dev.switchboard.core.secret.SecretBox;
import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.OtherNodes;
import dev.switchboard.sdk.model.CallContext;
import dev.switchboard.sdk.model.ChatCall;
import dev.switchboard.sdk.model.ChatMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several nodes share one PostgreSQL. Beside the test app (node 1) this runs a second node in the same JVM: its own
 * plugin host, plugins directory, install directory, backends and connectors, and its own marketplace listening on
 * the shared database. What an admin installs, upgrades or uninstalls on node 1 reaches node 2, which fetches and
 * verifies the jar itself and serves the tenant from it.
 */
@QuarkusTest
class MarketplaceClusterTest {

	private static final String PLUGIN = "model-echo-cluster";
	private static final String TENANT = "market-cluster";

	@Inject
	Vertx vertx;
	@Inject
	MarketplaceSettings settings;
	@Inject
	PluginRepositories repositories;
	@Inject
	SharedInstalls shared;
	@Inject
	BackendConfigRepository backendRows;
	@Inject
	EnvironmentBackends environment;
	@Inject
	SecretBox secrets;
	@Inject
	BackendHealth health;
	@Inject
	ConnectorRepository connectorRows;
	@Inject
	EnabledActionRepository enabledRows;
	@Inject
	ConnectorRecords records;

	@TempDir
	Path dir;

	/** The second node. */
	private record Node(PluginHost host, ModelBackends backends, Marketplace marketplace, MarketplaceSync sync,
			Path installDir) {

		Optional<String> serving(String pluginId) {
			return host.serving(pluginId).map(LoadedPlugin::version);
		}

		/** A turn of the tenant on this node, through the backend it creates from its own plugin host. */
		String answer(String tenant) {
			List<ConfiguredBackend> live = ReactiveCalls.await(() -> backends.forTenant(tenant));
			return live.isEmpty() ? "no backend" : live.get(0).backend().chat(ChatCall.of(List.of(
					ChatMessage.user("hi"))), new CallContext(tenant, "cluster-test", Duration.ofSeconds(10))).text();
		}

		void stop() {
			sync.stop();
			host.stop();
		}
	}

	@Test
	void should_bring_an_install_an_upgrade_and_an_uninstall_made_on_one_node_to_another() throws Exception {
		TestRepository.a().publishEcho(PLUGIN, "echo-cluster", "1.0.0");
		TestRepository.b().publishEcho(PLUGIN, "echo-cluster", "1.1.0");
		Api.admin().body(Map.of("id", TENANT, "name", TENANT)).post("/api/v1/admin/tenants");
		Node second = startSecondNode();
		try {
			install("1.0.0");
			Api.admin(TENANT).body(Map.of("factoryId", "echo-cluster", "config", Map.of()))
					.put("/api/v1/admin/backends/main").then().statusCode(200);

			// Heard through NOTIFY (or read when its listener subscribed): node 2 fetched, verified and loaded it.
			await().atMost(Duration.ofSeconds(60)).until(() -> second.serving(PLUGIN).equals(Optional.of("1.0.0")));
			assertThat(second.installDir().resolve(PLUGIN + "-1.0.0.jar")).exists();
			assertThat(second.answer(TENANT)).isEqualTo("echo 1.0.0");

			install("1.1.0");
			await().atMost(Duration.ofSeconds(60)).until(() -> second.serving(PLUGIN).equals(Optional.of("1.1.0")));
			assertThat(second.answer(TENANT)).as("its cached 1.0.0 instance was dropped").isEqualTo("echo 1.1.0");

			Api.admin().queryParam("force", true).delete("/api/v1/admin/marketplace/" + PLUGIN).then().statusCode(204);
			second.marketplace().reconcile();
			assertThat(second.serving(PLUGIN)).isEmpty();
			assertThat(second.answer(TENANT)).isEqualTo("no backend");
			assertThat(shared.find(PLUGIN)).hasValueSatisfying(row -> assertThat(row.version).isNull());
		} finally {
			second.stop();
		}
	}

	@Test
	void should_report_a_release_a_node_cannot_fetch_and_keep_serving_what_it_served() throws Exception {
		Node second = startSecondNode();
		try {
			InstalledPlugins.Install unknown = new InstalledPlugins.Install("9.9.9", "x.jar", "ab".repeat(64), null,
					"nowhere", "2026-01-01T00:00:00Z");
			shared.installed("model-echo-nowhere", unknown);

			second.marketplace().reconcile();

			assertThat(second.serving("model-echo-nowhere")).isEmpty();
			assertThat(second.marketplace().plugin("model-echo-nowhere").syncError())
					.isEqualTo("No repository of this node lists model-echo-nowhere 9.9.9.");
			// node 1 heard of it too, and says why it does not serve it
			await().atMost(Duration.ofSeconds(60)).until(() -> Api.admin().get("/api/v1/admin/marketplace").then()
					.extract().path("plugins.find { it.id == 'model-echo-nowhere' }.syncError") != null);
			Api.admin().get("/api/v1/admin/marketplace").then().body(
					"plugins.find { it.id == 'model-echo-nowhere' }.syncError",
					equalTo("No repository of this node lists model-echo-nowhere 9.9.9."));
		} finally {
			shared.uninstalled("model-echo-nowhere");
			second.stop();
		}
	}

	private Node startSecondNode() throws Exception {
		Path pluginsDir = Files.createDirectories(dir.resolve("plugins"));
		Path installDir = dir.resolve("installed");
		MarketplaceSettings own = withInstallDir(settings, installDir);
		InstalledPlugins installed = new InstalledPlugins(own);
		PluginHost host = new PluginHost(pluginsDir, installed);
		host.start();
		ModelBackends backends = new ModelBackends(host, backendRows, environment, secrets, health);
		Connectors connectors = new Connectors(host, connectorRows, enabledRows, secrets, records);
		Marketplace marketplace = new Marketplace(own, repositories, installed, host, backends, connectors, shared);
		MarketplaceSync sync = new MarketplaceSync(OtherNodes.notifications(vertx), marketplace, own);
		sync.start();
		return new Node(host, backends, marketplace, sync, installDir);
	}

	private static void install(String version) {
		Api.admin().body(Map.of("version", version)).post("/api/v1/admin/marketplace/" + PLUGIN + "/install").then()
				.statusCode(200).body("installed.version", equalTo(version));
	}

	/** The app's marketplace settings with another install directory: the second node's own disk. */
	private static MarketplaceSettings withInstallDir(MarketplaceSettings settings, Path installDir) {
		InvocationHandler handler = (proxy, method, args) -> method.getName().equals("installDir") ? installDir
				: method.invoke(settings, args);
		return (MarketplaceSettings) Proxy.newProxyInstance(MarketplaceSettings.class.getClassLoader(),
				new Class<?>[] { MarketplaceSettings.class }, handler);
	}
}
