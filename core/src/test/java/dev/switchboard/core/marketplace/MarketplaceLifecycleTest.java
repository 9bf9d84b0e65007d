package dev.switchboard.core.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.core.plugin.LoadedPlugin;
import dev.switchboard.core.plugin.PluginHost;
import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.Sse;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Installs, upgrades, downgrades and uninstalls signed plugins at run time, and tenants use them without a restart.
 * Each test works on its own plugin id (and factory id), published into the test repositories.
 */
@QuarkusTest
class MarketplaceLifecycleTest {

	@Inject
	PluginHost host;

	@Test
	void should_install_a_signed_plugin_at_runtime_and_serve_a_tenant_without_restart() throws Exception {
		TestRepository.a().publishEcho("model-echo-install", "echo-install", "1.0.0");

		install("model-echo-install", "1.0.0").statusCode(200).body("installed.version", equalTo("1.0.0"))
				.body("installed.source", equalTo("marketplace"));
		useInTenant("market-install", "echo-install");

		assertThat(answer("market-install", "hello")).isEqualTo("echo 1.0.0");
		Api.admin().get("/api/v1/admin/marketplace").then()
				.body("plugins.find { it.id == 'model-echo-install' }.usedBy.tenant", hasItem("market-install"))
				.body("plugins.find { it.id == 'model-echo-install' }.usedBy.kind", hasItem("backend"));
		Api.admin().get("/api/v1/admin/plugins").then()
				.body("find { it.id == 'model-echo-install' }.state", equalTo("started"));
		// What survives a restart: the jar and the record the host reads at start.
		assertThat(installDir().resolve("model-echo-install-1.0.0.jar")).exists();
		assertThat(Files.readString(installDir().resolve("installed.json"))).contains("model-echo-install-1.0.0.jar");
	}

	@Test
	void should_upgrade_while_a_call_is_in_flight_and_finish_that_call_on_the_old_version() throws Exception {
		TestRepository.a().publishEcho("model-echo-upgrade", "echo-upgrade", "1.0.0");
		TestRepository.b().publishEcho("model-echo-upgrade", "echo-upgrade", "1.1.0");
		install("model-echo-upgrade", "1.0.0").statusCode(200);
		useInTenant("market-upgrade", "echo-upgrade");
		assertThat(answer("market-upgrade", "warm up")).isEqualTo("echo 1.0.0");
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		System.getProperties().put(EchoModelFactory.ENTERED, entered);
		System.getProperties().put(EchoModelFactory.RELEASE, release);
		try {
			String conversation = conversation("market-upgrade");
			String run = Api.admin("market-upgrade").body(Api.text("hold on")).post("/api/v1/conversations/"
					+ conversation + "/messages").then().statusCode(202).extract().path("runId");
			assertThat(entered.await(30, TimeUnit.SECONDS)).as("the call reached the plugin").isTrue();
			LoadedPlugin old = host.serving("model-echo-upgrade").orElseThrow();

			install("model-echo-upgrade", "1.1.0").statusCode(200).body("installed.version", equalTo("1.1.0"));

			assertThat(old.unloaded()).as("the old version stays loaded while its call runs").isFalse();
			assertThat(answer("market-upgrade", "after the upgrade")).isEqualTo("echo 1.1.0");
			release.countDown();
			String inFlight = Sse.text(Sse.parse(Api.admin("market-upgrade").get("/api/v1/runs/" + run + "/events")
					.asString()));
			assertThat(inFlight).isEqualTo("echo 1.0.0");
			old.whenUnloaded().toCompletableFuture().get(30, TimeUnit.SECONDS);
			assertThat(installDir().resolve("model-echo-upgrade-1.0.0.jar")).doesNotExist();
		} finally {
			release.countDown();
			System.getProperties().remove(EchoModelFactory.ENTERED);
			System.getProperties().remove(EchoModelFactory.RELEASE);
		}

		install("model-echo-upgrade", "1.0.0").statusCode(200).body("installed.version", equalTo("1.0.0"))
				.body("newerVersions", hasItem("1.1.0"));
		assertThat(answer("market-upgrade", "after the downgrade")).isEqualTo("echo 1.0.0");
	}

	@Test
	void should_upgrade_and_downgrade_under_concurrent_chat_load_without_a_failed_request() throws Exception {
		TestRepository.a().publishEcho("model-echo-load", "echo-load", "1.0.0");
		TestRepository.b().publishEcho("model-echo-load", "echo-load", "1.1.0");
		install("model-echo-load", "1.0.0").statusCode(200);
		useInTenant("market-load", "echo-load");
		Api.admin("market-load").body(Map.of("requestsPerMinutePerUser", 30, "requestsPerMinutePerKey", 1_000_000))
				.put("/api/v1/admin/limits").then().statusCode(200);
		int clients = 8;
		int turnsPerStage = 4;
		// Even stages: one version serves (expected[stage / 2]); odd stages: an upgrade or downgrade is under way.
		String[] expected = { "echo 1.0.0", "echo 1.1.0", "echo 1.0.0" };
		AtomicInteger stage = new AtomicInteger();
		CountDownLatch[] served = { new CountDownLatch(clients * turnsPerStage),
				new CountDownLatch(clients * turnsPerStage), new CountDownLatch(clients * turnsPerStage) };
		AtomicInteger sent = new AtomicInteger();
		List<String> failures = new CopyOnWriteArrayList<>();
		List<String> wrongVersion = new CopyOnWriteArrayList<>();
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService load = Executors.newFixedThreadPool(clients);
		List<Future<?>> running = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			running.add(load.submit(() -> {
				String conversation = conversation("market-load");
				while (!stop.get()) {
					int started = stage.get();
					sent.incrementAndGet();
					var response = Api.admin("market-load").accept("text/event-stream").body(Api.text("hello"))
							.post("/api/v1/conversations/" + conversation + "/messages");
					String answer = response.statusCode() == 200 ? Sse.text(Sse.parse(response.asString())) : null;
					if (answer == null || !answer.startsWith("echo 1.")) {
						failures.add("HTTP " + response.statusCode() + ": " + response.asString());
					} else if (started % 2 == 0 && stage.get() == started && !answer.equals(expected[started / 2])) {
						// A turn that overlapped no switch runs on the version serving; one that did may run on either.
						wrongVersion.add("a turn while " + expected[started / 2] + " served got " + answer);
					}
					if (started % 2 == 0) {
						served[started / 2].countDown();
					}
				}
			}));
		}
		try {
			assertThat(served[0].await(60, TimeUnit.SECONDS)).isTrue();
			stage.set(1);
			install("model-echo-load", "1.1.0").statusCode(200);
			stage.set(2);
			assertThat(served[1].await(60, TimeUnit.SECONDS)).isTrue();
			stage.set(3);
			install("model-echo-load", "1.0.0").statusCode(200);
			stage.set(4);
			assertThat(served[2].await(60, TimeUnit.SECONDS)).isTrue();
		} finally {
			stop.set(true);
			for (Future<?> client : running) {
				client.get(60, TimeUnit.SECONDS);
			}
			load.shutdown();
		}

		System.out.printf("Upgrade and downgrade under load: %d chat turns sent by %d clients, %d failed%n", sent.get(),
				clients, failures.size());
		assertThat(failures).isEmpty();
		assertThat(wrongVersion).isEmpty();
	}

	@Test
	void should_keep_the_old_version_serving_when_an_upgrade_is_refused() throws Exception {
		TestRepository a = TestRepository.a();
		a.publishEcho("model-echo-keep", "echo-keep", "1.0.0");
		a.publishEcho("model-echo-keep", "echo-keep", "1.1.0", TestRepository.Tamper.BAD_SIGNATURE, null);
		a.publishEcho("model-echo-keep", "echo-keep", "1.2.0", TestRepository.Tamper.BAD_CHECKSUM, null);
		a.publishEcho("model-echo-keep", "echo-keep", "1.3.0", TestRepository.Tamper.NONE, ">=9.0.0");
		a.publishEcho("model-echo-keep", "echo-keep", "1.4.0", TestRepository.Tamper.UNKNOWN_KEY, null);
		install("model-echo-keep", "1.0.0").statusCode(200);
		useInTenant("market-keep", "echo-keep");
		assertThat(answer("market-keep", "before")).isEqualTo("echo 1.0.0");

		refused("1.1.0", 422, "signature_invalid");
		refused("1.2.0", 422, "checksum_mismatch");
		refused("1.3.0", 409, "incompatible_sdk");
		refused("1.4.0", 422, "untrusted_signer");

		Api.admin().get("/api/v1/admin/marketplace").then()
				.body("plugins.find { it.id == 'model-echo-keep' }.installed.version", equalTo("1.0.0"))
				.body("plugins.find { it.id == 'model-echo-keep' }.releases.find { it.version == '1.4.0' }.signature",
						equalTo("unknown-key"));
		assertThat(answer("market-keep", "after")).isEqualTo("echo 1.0.0");
		try (var files = Files.list(installDir())) {
			assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("model-echo-keep")))
					.containsExactly("model-echo-keep-1.0.0.jar");
		}
	}

	@Test
	void should_refuse_to_uninstall_a_plugin_in_use_unless_forced() throws Exception {
		TestRepository.a().publishEcho("model-echo-uninstall", "echo-uninstall", "1.0.0");
		install("model-echo-uninstall", "1.0.0").statusCode(200);
		useInTenant("market-uninstall", "echo-uninstall");
		assertThat(answer("market-uninstall", "hi")).isEqualTo("echo 1.0.0");

		Api.admin().delete("/api/v1/admin/marketplace/model-echo-uninstall").then().statusCode(409)
				.contentType("application/problem+json").body("code", equalTo("plugin_in_use"))
				.body("errors.market-uninstall", containsString("backend main"));
		Api.admin().get("/api/v1/admin/marketplace").then()
				.body("plugins.find { it.id == 'model-echo-uninstall' }.installed.version", equalTo("1.0.0"));

		Api.admin().queryParam("force", true).delete("/api/v1/admin/marketplace/model-echo-uninstall").then()
				.statusCode(204);
		Api.admin().get("/api/v1/admin/marketplace").then()
				.body("plugins.find { it.id == 'model-echo-uninstall' }.installed", nullValue());
		Api.admin("market-uninstall").get("/api/v1/admin/backends").then()
				.body("find { it.name == 'main' }.live", equalTo(false));
		assertThat(Files.readString(installDir().resolve("installed.json"))).doesNotContain("model-echo-uninstall-1.0.0");
	}

	@Test
	void should_uninstall_an_unused_plugin_and_refuse_an_unknown_one() {
		TestRepository.b().publishEcho("model-echo-unused", "echo-unused", "1.0.0");
		install("model-echo-unused", "1.0.0").statusCode(200);

		Api.admin().delete("/api/v1/admin/marketplace/model-echo-unused").then().statusCode(204);
		Api.admin().get("/api/v1/admin/plugins").then().body("id", not(hasItem("model-echo-unused")));
		Api.admin().delete("/api/v1/admin/marketplace/model-echo-unused").then().statusCode(404)
				.body("code", equalTo("not_installed"));
		install("no-such-plugin", "1.0.0").statusCode(404).body("code", equalTo("unknown_plugin"));
	}

	@Test
	void should_refuse_an_unsigned_plugin_while_unsigned_plugins_are_not_allowed() {
		TestRepository.a().publishEcho("model-echo-unsigned", "echo-unsigned", "1.0.0", TestRepository.Tamper.UNSIGNED,
				null);

		Api.admin().get("/api/v1/admin/marketplace").then().body("allowUnsigned", equalTo(false))
				.body("plugins.find { it.id == 'model-echo-unsigned' }.releases[0].signature", equalTo("unsigned"));
		install("model-echo-unsigned", "1.0.0").statusCode(422).body("code", equalTo("unsigned_plugin"))
				.body("detail", containsString("switchboard.marketplace.allow-unsigned"));
		Api.admin().get("/api/v1/admin/plugins").then().body("id", not(hasItem("model-echo-unsigned")));
	}

	private static io.restassured.response.ValidatableResponse install(String id, String version) {
		return Api.admin().body(Map.of("version", version)).post("/api/v1/admin/marketplace/" + id + "/install").then();
	}

	private static void refused(String version, int status, String code) {
		install("model-echo-keep", version).statusCode(status).contentType("application/problem+json")
				.body("code", equalTo(code));
	}

	private static void useInTenant(String tenant, String factoryId) {
		Api.admin().body(Map.of("id", tenant, "name", tenant)).post("/api/v1/admin/tenants");
		Api.admin(tenant).body(Map.of("factoryId", factoryId, "config", Map.of())).put("/api/v1/admin/backends/main")
				.then().statusCode(200);
	}

	private static String conversation(String tenant) {
		return Api.admin(tenant).body(Map.of()).post("/api/v1/conversations").then().statusCode(201).extract().path("id");
	}

	private static String answer(String tenant, String text) {
		return Sse.text(Sse.parse(Api.admin(tenant).accept("text/event-stream").body(Api.text(text))
				.post("/api/v1/conversations/" + conversation(tenant) + "/messages").asString()));
	}

	private static Path installDir() {
		return Path.of(ConfigProvider.getConfig().getValue("switchboard.marketplace.install-dir", String.class));
	}
}
