package dev.switchboard.core.database;

import io.quarkus.vertx.VertxContextSupport;
import io.quarkus.vertx.core.runtime.VertxCoreRecorder;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import java.util.function.Supplier;

/** Bridges code on plain or virtual threads (model calls block) to the reactive database API. */
public final class ReactiveCalls {

	private ReactiveCalls() {
	}

	/** Runs the reactive call on a Vert.x context and waits for it; never call it on an event-loop thread. */
	public static <T> T await(Supplier<Uni<T>> call) {
		try {
			return VertxContextSupport.subscribeAndAwait(call);
		} catch (RuntimeException e) {
			throw e;
		} catch (Throwable e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * Waits for a call on this thread, without moving it to the event loop: what the call finds in memory completes
	 * here, sparing a request two thread hops. Only for calls whose every database access goes through
	 * {@link #onContext}; never call it on an event-loop thread.
	 */
	public static <T> T awaitHere(Uni<T> call) {
		return call.await().indefinitely();
	}

	/**
	 * A database access that may be reached from a plain or virtual thread (see {@link #awaitHere}): on an event-loop
	 * thread it runs at once, elsewhere on the current Vert.x context's event loop, as the reactive database API needs.
	 */
	public static <T> Uni<T> onContext(Supplier<Uni<T>> access) {
		// Decided when subscribed, not when built: that is the thread the access would run on.
		return Uni.createFrom().deferred(() -> Context.isOnEventLoopThread() ? access.get() : Uni.createFrom().emitter(emitter -> {
			Context context = VertxContext.getOrCreateDuplicatedContext(VertxCoreRecorder.getVertx().get());
			VertxContextSafetyToggle.setContextSafe(context, true);
			context.runOnContext(ignored -> {
				try {
					access.get().subscribe().with(emitter::complete, emitter::fail);
				} catch (RuntimeException e) {
					emitter.fail(e);
				}
			});
		}));
	}
}
