package dev.switchboard.sdk.testkit;

import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.model.ChatResult;
import dev.switchboard.sdk.model.ChatStreamListener;
import dev.switchboard.sdk.model.ToolCall;
import dev.switchboard.sdk.model.ToolCallDelta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ChatStreamListener} that records every call, in order, so a test can check what a backend delivered.
 *
 * <p>It never throws from a listener method (the contract forbids it); instead it records breaches of the listener
 * protocol — a delta or a second terminal event after {@code onComplete}/{@code onError} — in {@link #violations()}.
 * Thread-safe: a backend may call it from any one thread at a time while a test thread reads it.
 */
public final class RecordingStreamListener implements ChatStreamListener {

	private final List<String> textDeltas = new ArrayList<>();
	private final List<ToolCallDelta> toolCallDeltas = new ArrayList<>();
	private final List<ChatResult> completions = new ArrayList<>();
	private final List<PluginException> errors = new ArrayList<>();
	private final List<String> events = new ArrayList<>();
	private final List<String> violations = new ArrayList<>();
	private final CountDownLatch terminated = new CountDownLatch(1);

	@Override
	public synchronized void onTextDelta(String delta) {
		checkOpen("onTextDelta");
		textDeltas.add(delta);
		events.add("text");
	}

	@Override
	public synchronized void onToolCallDelta(ToolCallDelta delta) {
		checkOpen("onToolCallDelta");
		toolCallDeltas.add(delta);
		events.add("toolCall");
	}

	@Override
	public synchronized void onComplete(ChatResult result) {
		checkOpen("onComplete");
		completions.add(result);
		events.add("complete");
		terminated.countDown();
	}

	@Override
	public synchronized void onError(PluginException error) {
		checkOpen("onError");
		errors.add(error);
		events.add("error");
		terminated.countDown();
	}

	private void checkOpen(String method) {
		if (!completions.isEmpty() || !errors.isEmpty()) {
			violations.add(method + " after the terminal event");
		}
	}

	/**
	 * Waits for {@code onComplete} or {@code onError}.
	 *
	 * @throws AssertionError when neither arrived within {@code timeout}
	 */
	public RecordingStreamListener await(Duration timeout) {
		try {
			if (!terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("no onComplete or onError within " + timeout + "; events so far: " + events());
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted while waiting for the stream to end", e);
		}
		return this;
	}

	/** Whether {@code onComplete} or {@code onError} has been called. */
	public boolean isDone() {
		return terminated.getCount() == 0;
	}

	/** The text deltas, in arrival order. */
	public synchronized List<String> textDeltas() {
		return List.copyOf(textDeltas);
	}

	/** The text deltas joined. */
	public synchronized String text() {
		return String.join("", textDeltas);
	}

	/** The tool call deltas, in arrival order. */
	public synchronized List<ToolCallDelta> toolCallDeltas() {
		return List.copyOf(toolCallDeltas);
	}

	/**
	 * The tool calls the deltas assemble to, ordered by index: id and name from the first fragment of an index, the
	 * arguments concatenated. A call whose fragments never named an id or a name gets an empty one.
	 */
	public synchronized List<ToolCall> assembledToolCalls() {
		Map<Integer, String[]> byIndex = new TreeMap<>();
		for (ToolCallDelta delta : toolCallDeltas) {
			String[] call = byIndex.computeIfAbsent(delta.index(), i -> new String[] { "", "", "" });
			if (delta.id() != null && call[0].isEmpty()) {
				call[0] = delta.id();
			}
			if (delta.name() != null && call[1].isEmpty()) {
				call[1] = delta.name();
			}
			if (delta.argumentsDelta() != null) {
				call[2] += delta.argumentsDelta();
			}
		}
		return byIndex.values().stream().map(c -> new ToolCall(c[0], c[1], c[2])).toList();
	}

	/** Every {@code onComplete} received; exactly one for a successful stream. */
	public synchronized List<ChatResult> completions() {
		return List.copyOf(completions);
	}

	/** Every {@code onError} received; exactly one for a failed stream. */
	public synchronized List<PluginException> errors() {
		return List.copyOf(errors);
	}

	/** The result of the single {@code onComplete}, if it came. */
	public synchronized Optional<ChatResult> result() {
		return completions.isEmpty() ? Optional.empty() : Optional.of(completions.get(0));
	}

	/** The error of the single {@code onError}, if it came. */
	public synchronized Optional<PluginException> error() {
		return errors.isEmpty() ? Optional.empty() : Optional.of(errors.get(0));
	}

	/** The kinds of calls received, in order: {@code text}, {@code toolCall}, {@code complete}, {@code error}. */
	public synchronized List<String> events() {
		return List.copyOf(events);
	}

	/** Breaches of the listener protocol seen so far; empty for a well-behaved backend. */
	public synchronized List<String> violations() {
		return List.copyOf(violations);
	}
}
