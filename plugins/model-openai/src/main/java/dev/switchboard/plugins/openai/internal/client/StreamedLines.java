package dev.switchboard.plugins.openai.internal.client;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One streamed answer handed from the HTTP client's threads to the thread that reads it, strictly in order: the
 * status and headers, each line of the body, then its end or failure. Unlike the JDK's own input stream, lines that
 * arrived before a dropped connection are still read before the failure. One per request.
 */
final class StreamedLines implements Flow.Subscriber<String> {

	private record Failure(Throwable error) {
	}

	private static final Object END = new Object();

	private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
	private volatile Flow.Subscription subscription;

	/** The body handler of the request: records the answer's head, then takes its body line by line. */
	HttpResponse.BodySubscriber<Void> handle(HttpResponse.ResponseInfo head) {
		items.add(head);
		return HttpResponse.BodySubscribers.fromLineSubscriber(this);
	}

	/** The status and headers, once they arrived. */
	HttpResponse.ResponseInfo head(long deadlineNanos) throws IOException, TimeoutException, InterruptedException {
		return (HttpResponse.ResponseInfo) next(deadlineNanos);
	}

	/** The next line of the body, or {@code null} at its end. */
	String line(long deadlineNanos) throws IOException, TimeoutException, InterruptedException {
		Object item = next(deadlineNanos);
		if (item == END) {
			return null;
		}
		subscription.request(1);
		return (String) item;
	}

	/** Ends the exchange early; the connection is dropped rather than reused. */
	void cancel() {
		Flow.Subscription current = subscription;
		if (current != null) {
			current.cancel();
		}
	}

	/** A failure before the body, e.g. a refused connection. */
	void fail(Throwable error) {
		items.add(new Failure(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error));
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		subscription.request(1);
	}

	@Override
	public void onNext(String line) {
		items.add(line);
	}

	@Override
	public void onError(Throwable error) {
		fail(error);
	}

	@Override
	public void onComplete() {
		items.add(END);
	}

	private Object next(long deadlineNanos) throws IOException, TimeoutException, InterruptedException {
		Object item = items.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
		if (item == null) {
			throw new TimeoutException();
		}
		if (item instanceof Failure failure) {
			items.add(failure); // every later read fails the same way
			throw failure.error() instanceof IOException io ? io : new IOException(failure.error());
		}
		return item;
	}
}
