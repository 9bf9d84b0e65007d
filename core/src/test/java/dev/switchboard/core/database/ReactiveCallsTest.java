package dev.switchboard.core.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.tenant.Tenant;
import dev.switchboard.core.tenant.TenantRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The hot path's way to the database: in-memory answers stay on the caller's thread, database work hops to a context. */
@QuarkusTest
class ReactiveCallsTest {

	@Inject
	TenantRepository tenants;

	@Inject
	Vertx vertx;

	@Test
	void should_reach_the_database_from_a_virtual_thread_without_a_vertx_context() throws Exception {
		AtomicReference<Tenant> found = new AtomicReference<>();
		AtomicReference<Boolean> onEventLoop = new AtomicReference<>();
		Thread.ofVirtual().start(() -> found.set(ReactiveCalls.awaitHere(ReactiveCalls.onContext(() -> {
			onEventLoop.set(Context.isOnEventLoopThread());
			return Panache.withSession(() -> tenants.findById("default"));
		})))).join();

		assertThat(found.get().id).isEqualTo("default");
		assertThat(onEventLoop.get()).isTrue();
	}

	@Test
	void should_decide_where_to_run_when_subscribed_not_when_built() throws Exception {
		CompletableFuture<Uni<Tenant>> builtOnEventLoop = new CompletableFuture<>();
		vertx.runOnContext(ignored -> builtOnEventLoop.complete(
				ReactiveCalls.onContext(() -> Panache.withSession(() -> tenants.findById("default")))));
		Uni<Tenant> access = builtOnEventLoop.get(10, TimeUnit.SECONDS);
		AtomicReference<Tenant> found = new AtomicReference<>();
		Thread.ofVirtual().start(() -> found.set(ReactiveCalls.awaitHere(access))).join();

		assertThat(found.get().id).isEqualTo("default");
	}

	@Test
	void should_answer_from_memory_on_the_callers_own_thread() throws Exception {
		AtomicReference<Thread> caller = new AtomicReference<>();
		AtomicReference<Thread> mapped = new AtomicReference<>();
		Thread thread = Thread.ofVirtual().start(() -> {
			caller.set(Thread.currentThread());
			ReactiveCalls.awaitHere(Uni.createFrom().item("cached").invoke(item -> mapped.set(Thread.currentThread())));
		});
		thread.join();

		assertThat(mapped.get()).isSameAs(caller.get());
	}

	@Test
	void should_pass_a_failure_of_the_database_work_to_the_waiting_caller() throws Exception {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread.ofVirtual().start(() -> {
			try {
				ReactiveCalls.awaitHere(ReactiveCalls.onContext(() -> Uni.createFrom().failure(new IllegalStateException("refused"))));
			} catch (RuntimeException e) {
				failure.set(e);
			}
		}).join();

		assertThat(failure.get()).isInstanceOf(IllegalStateException.class).hasMessage("refused");
	}
}
