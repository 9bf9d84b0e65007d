package dev.switchboard.plugins.openai.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.plugins.openai.internal.Json;
import dev.switchboard.plugins.openai.internal.OpenAiErrors;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.error.UpstreamTimeoutException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@code POST /chat/completions} on the JDK's HTTP client, answers read with Jackson. Each call, a stream included,
 * must end within its timeout. Thread-safe; one per backend, closed with it.
 *
 * <p>Not openai-java, though it is the official client: in the gateway benchmark (bench/gateway) openai-java with
 * OkHttp, Kotlin reflection and Kotlin-Jackson took ~30 % of the app's CPU samples. With this client the app's CPU per
 * request at 16 clients fell by ~23 %, its memory after load by half, and the plugin jar from 40 MB to 2.4 MB.
 */
public final class ChatCompletionsClient implements AutoCloseable {


	private final HttpClient http;
	private final URI endpoint;
	private final String authorization;

	/**
	 * @param baseUrl the API root, e.g. {@code https://api.openai.com/v1}
	 * @param apiKey  sent as a bearer token; {@code null} for servers that need none
	 */
	public ChatCompletionsClient(String baseUrl, String apiKey, Duration connectTimeout) {
		String root = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.endpoint = URI.create(root + "/chat/completions");
		this.authorization = apiKey == null ? null : "Bearer " + apiKey;
		// HTTP/2 only where TLS negotiates it: over plain HTTP the JDK would try an h2c upgrade, which some local
		// servers mishandle. The client's own tasks run on its selector thread (a direct executor) instead of a
		// thread pool: what they do here is hand bytes to a waiting caller, and the pool's hand-offs cost each call
		// about 10 futex calls (bench/gateway: app CPU per request at 16 clients fell from ~200 to ~110 µs).
		boolean tls = "https".equalsIgnoreCase(endpoint.getScheme());
		this.http = HttpClient.newBuilder()
				.version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
				.followRedirects(HttpClient.Redirect.NORMAL)
				.connectTimeout(connectTimeout)
				.executor(Runnable::run)
				.build();
	}

	/** The parsed answer to a non-streaming request. */
	public JsonNode complete(byte[] body, Duration timeout) {
		CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request(body, timeout),
				HttpResponse.BodyHandlers.ofByteArray());
		HttpResponse<byte[]> response;
		try {
			response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		} catch (TimeoutException e) {
			pending.cancel(true);
			throw timeout(timeout, e);
		} catch (ExecutionException e) {
			throw e.getCause() instanceof IOException io ? OpenAiErrors.fromIo(io, timeout)
					: new UpstreamUnavailableException("the upstream call failed", e.getCause());
		} catch (InterruptedException e) {
			pending.cancel(true);
			Thread.currentThread().interrupt();
			throw new UpstreamUnavailableException("interrupted while waiting for the upstream", e);
		}
		if (response.statusCode() >= 300) {
			throw OpenAiErrors.fromResponse(response.statusCode(), response.headers(), response.body());
		}
		return read(response.body());
	}

	/**
	 * Sends a streaming request and hands each server-sent event's JSON to {@code onChunk} as it arrives, until
	 * {@code [DONE]} or the end of the body.
	 */
	public void stream(byte[] body, Duration timeout, Consumer<JsonNode> onChunk) {
		long deadline = System.nanoTime() + timeout.toNanos();
		StreamedLines lines = new StreamedLines();
		CompletableFuture<HttpResponse<Void>> pending = http.sendAsync(request(body, timeout), lines::handle);
		pending.whenComplete((response, failure) -> {
			if (failure != null) {
				lines.fail(failure);
			}
		});
		boolean finished = false;
		try {
			HttpResponse.ResponseInfo head = lines.head(deadline);
			if (head.statusCode() >= 300) {
				StringBuilder error = new StringBuilder();
				for (String line = lines.line(deadline); line != null; line = lines.line(deadline)) {
					error.append(line).append('\n');
				}
				finished = true;
				throw OpenAiErrors.fromResponse(head.statusCode(), head.headers(),
						error.toString().getBytes(StandardCharsets.UTF_8));
			}
			readEvents(lines, deadline, head, onChunk);
			finished = true;
		} catch (TimeoutException e) {
			throw timeout(timeout, e);
		} catch (IOException e) {
			throw OpenAiErrors.fromIo(e, timeout);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new UpstreamUnavailableException("interrupted while reading the upstream stream", e);
		} finally {
			if (!finished) {
				pending.cancel(true);
				lines.cancel();
			}
		}
	}

	@Override
	public void close() {
		http.close();
	}

	/**
	 * Server-sent events: "data:" lines, a blank line ends an event; named events are not chunks and are skipped.
	 * Reads to the end of the body even after {@code [DONE]}, so that the connection can be reused.
	 */
	private static void readEvents(StreamedLines lines, long deadline, HttpResponse.ResponseInfo head,
			Consumer<JsonNode> onChunk) throws IOException, TimeoutException, InterruptedException {
		StringBuilder data = new StringBuilder();
		String event = null;
		boolean done = false;
		for (String line = lines.line(deadline); line != null; line = lines.line(deadline)) {
			if (done) {
				continue;
			}
			if (line.isEmpty()) {
				if (!data.isEmpty() && event == null) {
					done = data.toString().startsWith("[DONE]");
					if (!done) {
						chunk(read(data.toString().getBytes(StandardCharsets.UTF_8)), head, onChunk);
					}
				}
				data.setLength(0);
				event = null;
			} else if (line.startsWith("data:")) {
				if (!data.isEmpty()) {
					data.append('\n');
				}
				data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
			} else if (line.startsWith("event:")) {
				event = line.substring(6).trim();
			}
		}
	}

	// An error object sent as an event ends the stream the way an error answer would.
	private static void chunk(JsonNode chunk, HttpResponse.ResponseInfo head, Consumer<JsonNode> onChunk) {
		if (chunk.hasNonNull("error")) {
			throw OpenAiErrors.fromErrorObject(head.statusCode(), head.headers(), chunk.path("error"));
		}
		onChunk.accept(chunk);
	}

	private HttpRequest request(byte[] body, Duration timeout) {
		HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return request.build();
	}

	private static JsonNode read(byte[] body) {
		try {
			return Json.MAPPER.readTree(body);
		} catch (IOException e) {
			throw new UpstreamUnavailableException("upstream answer could not be read", e);
		}
	}

	private static PluginException timeout(Duration timeout, Throwable cause) {
		return new UpstreamTimeoutException("upstream did not answer within " + timeout, cause);
	}
}
