package dev.switchboard.core.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The live events of a run on this node: appended by the run, replayed to and followed by any number of
 * subscribers. A subscriber that joins late (a resumed stream) first gets what it missed after its last seen
 * sequence number, then live events, with nothing lost or repeated. Thread-safe.
 */
final class RunStream {

	final UUID runId;
	final String tenantId;
	/** Held while events are written to the database, so a periodic flush and the final one never overlap. */
	final ReentrantLock persisting = new ReentrantLock();
	private final List<RunEvent> events = new ArrayList<>();
	private final List<Subscriber> subscribers = new ArrayList<>();
	private int persisted;
	private boolean ended;

	RunStream(UUID runId, String tenantId) {
		this.runId = runId;
		this.tenantId = tenantId;
	}

	/** A subscription to cancel when the client goes away. */
	interface Subscription {
		void cancel();
	}

	private record Subscriber(Consumer<RunEvent> onEvent, Runnable onEnd) {
	}

	/** The sequence number the next event will get. */
	synchronized int nextSeq() {
		return events.size() + 1;
	}

	synchronized RunEvent append(String type, String json) {
		if (ended) {
			throw new IllegalStateException("run " + runId + " already ended");
		}
		RunEvent event = new RunEvent(events.size() + 1, type, json);
		events.add(event);
		// Copies: a subscriber that ends may cancel, which removes it from the list.
		List.copyOf(subscribers).forEach(s -> s.onEvent().accept(event));
		if (event.terminal()) {
			ended = true;
			List.copyOf(subscribers).forEach(s -> s.onEnd().run());
			subscribers.clear();
		}
		return event;
	}

	synchronized Subscription subscribe(int afterSeq, Consumer<RunEvent> onEvent, Runnable onEnd) {
		for (int i = Math.max(0, afterSeq); i < events.size(); i++) {
			onEvent.accept(events.get(i));
		}
		if (ended) {
			onEnd.run();
			return () -> {
			};
		}
		Subscriber subscriber = new Subscriber(onEvent, onEnd);
		subscribers.add(subscriber);
		return () -> {
			synchronized (this) {
				subscribers.remove(subscriber);
			}
		};
	}

	/** Events not yet written to the database. Call with {@link #persisting} held. */
	synchronized List<RunEvent> unpersisted() {
		return List.copyOf(events.subList(persisted, events.size()));
	}

	/** Marks events up to that sequence number as written. Call with {@link #persisting} held. */
	synchronized void persistedUpTo(int seq) {
		persisted = Math.max(persisted, seq);
	}

	synchronized boolean ended() {
		return ended;
	}
}
