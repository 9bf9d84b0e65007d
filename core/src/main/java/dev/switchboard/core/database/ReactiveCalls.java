package dev.switchboard.core.database;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
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
}
