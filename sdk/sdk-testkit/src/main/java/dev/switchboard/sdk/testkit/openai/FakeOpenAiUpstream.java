package dev.switchboard.sdk.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process OpenAI Chat Completions server on 127.0.0.1, speaking OpenAI's wire format exactly, for tests and
 * benchmarks that need an upstream without network or key.
 *
 * <ul>
 * <li>{@code POST /v1/chat/completions}: a {@code chat.completion} object, or with {@code "stream": true} one
 * {@code data: {chat.completion.chunk}} server-sent event per delta (each flushed as it is written), a final chunk
 * with the {@code finish_reason}, a usage chunk with empty {@code choices} when {@code stream_options.include_usage}
 * is true, then {@code data: [DONE]}. Tool calls stream as OpenAI streams them: a first fragment with
 * {@code index}, {@code id}, {@code type} and {@code function.name}, then fragments of {@code function.arguments}.</li>
 * <li>{@code GET /v1/models}: the {@link #models(String...) configured} model list.</li>
 * <li>Errors: OpenAI's body {@code {"error":{"message","type","param","code"}}} with the status and, when scripted,
 * a {@code Retry-After} header.</li>
 * </ul>
 *
 * <p>Each chat completion request takes the next {@link #enqueue enqueued} {@link Reply}; when the queue is empty the
 * {@link #defaultReply(Reply) default reply} answers ({@link Reply#echo()} unless changed), which makes the server a
 * fixed upstream for load tests. Requests are recorded (the most recent {@value #RECORDED_LIMIT}) so a test can assert
 * what a client sent. Requests run on virtual threads, so a hanging reply holds no platform thread and the server
 * keeps up with thousands of requests a second.
 *
 * <pre>{@code
 * try (FakeOpenAiUpstream upstream = FakeOpenAiUpstream.start()) {
 *     upstream.enqueue(Reply.text("Hel", "lo")).enqueue(Reply.error(429, "slow down").withRetryAfter("2"));
 *     // point the client at upstream.baseUrl() ("http://127.0.0.1:port/v1")
 *     assertThat(upstream.lastRequest().body().path("model").asText()).isEqualTo("gpt-4o-mini");
 * }
 * }</pre>
 *
 * Thread-safe. {@link #close()} stops the server and interrupts hanging replies.
 */
public final class FakeOpenAiUpstream implements AutoCloseable {

	/** How many recent requests are kept for {@link #requests()}. */
	public static final int RECORDED_LIMIT = 1000;

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

	private final HttpServer server;
	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
	private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
	private final Deque<RecordedRequest> recorded = new ConcurrentLinkedDeque<>();
	private final AtomicLong requestCount = new AtomicLong();
	private final AtomicLong ids = new AtomicLong();
	private final AtomicBoolean closed = new AtomicBoolean();
	private volatile Reply defaultReply = Reply.echo();
	private volatile List<String> models = List.of("gpt-4o-mini");
	private volatile String requiredApiKey;

	private FakeOpenAiUpstream(HttpServer server) {
		this.server = server;
		server.setExecutor(executor);
		server.createContext("/v1/chat/completions", this::chatCompletions);
		server.createContext("/v1/models", this::listModels);
		server.start();
	}

	/** Starts a server on a free port of 127.0.0.1. */
	public static FakeOpenAiUpstream start() {
		return start(0);
	}

	/** Starts a server on the given port of 127.0.0.1 ({@code 0} for a free one). */
	public static FakeOpenAiUpstream start(int port) {
		// Streamed chunks are small writes: without TCP_NODELAY, Nagle holds each one until the previous is
		// acknowledged, and a client's delayed ACK turns that into ~40 ms stalls no real provider has.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		try {
			// A deep accept backlog: load tests open many connections at once.
			return new FakeOpenAiUpstream(
					HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The port listened on. */
	public int port() {
		return server.getAddress().getPort();
	}

	/** The base URL to give an OpenAI client: {@code http://127.0.0.1:<port>/v1}. */
	public String baseUrl() {
		return "http://127.0.0.1:" + port() + "/v1";
	}

	/** Queues a reply; chat completion requests take queued replies first-in, first-out. */
	public FakeOpenAiUpstream enqueue(Reply reply) {
		replies.add(reply);
		return this;
	}

	/** Sets the reply given whenever the queue is empty ({@link Reply#echo()} at start). */
	public FakeOpenAiUpstream defaultReply(Reply reply) {
		this.defaultReply = reply;
		return this;
	}

	/** Sets the model ids {@code GET /v1/models} lists ({@code gpt-4o-mini} at start). */
	public FakeOpenAiUpstream models(String... ids) {
		this.models = List.of(ids);
		return this;
	}

	/**
	 * Requires {@code Authorization: Bearer <apiKey>} on every request, answering others with OpenAI's 401; {@code null}
	 * accepts any or none (the start state).
	 */
	public FakeOpenAiUpstream requireApiKey(String apiKey) {
		this.requiredApiKey = apiKey;
		return this;
	}

	/** The recent requests, oldest first (at most {@value #RECORDED_LIMIT}). */
	public List<RecordedRequest> requests() {
		return List.copyOf(recorded);
	}

	/**
	 * The last request received.
	 *
	 * @throws AssertionError when none was
	 */
	public RecordedRequest lastRequest() {
		RecordedRequest last = recorded.peekLast();
		if (last == null) {
			throw new AssertionError("the fake upstream received no request");
		}
		return last;
	}

	/** How many requests were received since start or {@link #reset()}, recorded or not. */
	public long requestCount() {
		return requestCount.get();
	}

	/** How many queued replies are still unused. */
	public int pendingReplies() {
		return replies.size();
	}

	/** Drops queued replies and recorded requests, and restores the echo default, the model list and no key. */
	public void reset() {
		replies.clear();
		recorded.clear();
		requestCount.set(0);
		defaultReply = Reply.echo();
		models = List.of("gpt-4o-mini");
		requiredApiKey = null;
	}

	@Override
	public void close() {
		if (closed.getAndSet(true)) {
			return;
		}
		server.stop(0);
		executor.shutdownNow();
	}

	private void chatCompletions(HttpExchange exchange) throws IOException {
		answer(exchange);
		// Skipped when a scripted cut throws: closing the exchange would end the chunked body cleanly.
		exchange.close();
	}

	private void answer(HttpExchange exchange) throws IOException {
		RecordedRequest request = record(exchange);
		if (refusedKey(exchange)) {
			return;
		}
		if (!"POST".equals(request.method())) {
			sendError(exchange, Reply.error(405, "invalid_request_error", null,
					"Method " + request.method() + " not allowed; use POST."));
			return;
		}
		Reply queued = replies.poll();
		Reply reply = queued != null ? queued : defaultReply;
		hang(reply);
		if (reply.isError()) {
			sendError(exchange, reply);
		} else if (request.streamed()) {
			stream(exchange, request.body(), reply);
		} else {
			sendJson(exchange, 200, completion(request.body(), reply));
		}
	}

	private void listModels(HttpExchange exchange) throws IOException {
		try (exchange) {
			record(exchange);
			if (refusedKey(exchange)) {
				return;
			}
			ObjectNode list = JSON.createObjectNode().put("object", "list");
			ArrayNode data = list.putArray("data");
			models.forEach(id -> data.addObject().put("id", id).put("object", "model").put("created", 1_700_000_000L)
					.put("owned_by", "switchboard-testkit"));
			sendJson(exchange, 200, list);
		}
	}

	private RecordedRequest record(HttpExchange exchange) throws IOException {
		requestCount.incrementAndGet();
		JsonNode body;
		try (InputStream in = exchange.getRequestBody()) {
			byte[] bytes = in.readAllBytes();
			body = bytes.length == 0 ? MissingNode.getInstance() : JSON.readTree(bytes);
		}
		Map<String, String> headers = new HashMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (!values.isEmpty()) {
				headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
			}
		});
		RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
				headers, body);
		recorded.addLast(request);
		while (recorded.size() > RECORDED_LIMIT) {
			recorded.pollFirst();
		}
		return request;
	}

	private boolean refusedKey(HttpExchange exchange) throws IOException {
		String key = requiredApiKey;
		if (key == null || ("Bearer " + key).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			return false;
		}
		sendError(exchange, Reply.error(401, "Incorrect API key provided."));
		return true;
	}

	private static void hang(Reply reply) {
		if (reply.delay().isPositive()) {
			try {
				Thread.sleep(reply.delay());
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("fake upstream stopped while hanging", e);
			}
		}
	}

	private ObjectNode completion(JsonNode request, Reply reply) {
		List<String> chunks = textChunks(request, reply);
		ObjectNode body = envelope(request, "chat.completion");
		ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
		ObjectNode message = choice.putObject("message").put("role", "assistant");
		if (chunks.isEmpty() && !reply.toolCalls().isEmpty()) {
			message.putNull("content");
		} else {
			message.put("content", String.join("", chunks));
		}
		message.putNull("refusal");
		if (!reply.toolCalls().isEmpty()) {
			ArrayNode calls = message.putArray("tool_calls");
			reply.toolCalls().forEach(call -> {
				ObjectNode node = calls.addObject().put("id", call.id()).put("type", "function");
				node.putObject("function").put("name", call.name()).put("arguments", call.arguments());
			});
		}
		choice.putNull("logprobs");
		choice.put("finish_reason", finishReason(reply));
		body.set("usage", usage(request, reply, chunks));
		return body;
	}

	private void stream(HttpExchange exchange, JsonNode request, Reply reply) throws IOException {
		List<String> chunks = textChunks(request, reply);
		boolean includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
		exchange.getResponseHeaders().set("Cache-Control", "no-cache");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		String id = nextId();
		int sent = 0;
		ObjectNode role = JSON.createObjectNode().put("role", "assistant").put("content", "");
		event(out, chunk(request, id, role, null, includeUsage));
		for (String text : chunks) {
			cutIfDue(reply, sent++);
			event(out, chunk(request, id, JSON.createObjectNode().put("content", text), null, includeUsage));
		}
		for (int index = 0; index < reply.toolCalls().size(); index++) {
			Reply.ScriptedToolCall call = reply.toolCalls().get(index);
			ObjectNode first = JSON.createObjectNode();
			ObjectNode head = first.putArray("tool_calls").addObject().put("index", index).put("id", call.id())
					.put("type", "function");
			head.putObject("function").put("name", call.name()).put("arguments", "");
			event(out, chunk(request, id, first, null, includeUsage));
			for (String fragment : call.argumentChunks()) {
				cutIfDue(reply, sent++);
				ObjectNode delta = JSON.createObjectNode();
				delta.putArray("tool_calls").addObject().put("index", index).putObject("function").put("arguments",
						fragment);
				event(out, chunk(request, id, delta, null, includeUsage));
			}
		}
		cutIfDue(reply, sent);
		event(out, chunk(request, id, JSON.createObjectNode(), finishReason(reply), includeUsage));
		if (includeUsage) {
			ObjectNode last = envelope(request, "chat.completion.chunk").put("id", id);
			last.putArray("choices");
			last.set("usage", usage(request, reply, chunks));
			event(out, last);
		}
		out.write(DONE);
		out.flush();
	}

	// Dropping the connection mid-body (no terminating chunk) is what a crashed or cut-off upstream looks like;
	// the JDK server closes the socket when a handler throws.
	private static void cutIfDue(Reply reply, int sent) {
		if (reply.cutAfter() >= 0 && sent >= reply.cutAfter()) {
			throw new StreamCut();
		}
	}

	private ObjectNode chunk(JsonNode request, String id, ObjectNode delta, String finishReason, boolean includeUsage) {
		ObjectNode chunk = envelope(request, "chat.completion.chunk").put("id", id);
		ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
		choice.set("delta", delta);
		choice.putNull("logprobs");
		if (finishReason == null) {
			choice.putNull("finish_reason");
		} else {
			choice.put("finish_reason", finishReason);
		}
		if (includeUsage) {
			chunk.putNull("usage");
		}
		return chunk;
	}

	private ObjectNode envelope(JsonNode request, String object) {
		ObjectNode body = JSON.createObjectNode();
		body.put("id", nextId()).put("object", object).put("created", System.currentTimeMillis() / 1000)
				.put("model", request.path("model").asText("gpt-4o-mini")).put("system_fingerprint", "fp_testkit");
		return body;
	}

	private static ObjectNode usage(JsonNode request, Reply reply, List<String> chunks) {
		int prompt = reply.promptTokens() >= 0 ? reply.promptTokens()
				: Math.max(1, request.path("messages").toString().length() / 4);
		int completion = reply.completionTokens() >= 0 ? reply.completionTokens()
				: Math.max(1, chunks.size() + reply.toolCalls().stream().mapToInt(c -> c.argumentChunks().size() + 1)
						.sum());
		return JSON.createObjectNode().put("prompt_tokens", prompt).put("completion_tokens", completion)
				.put("total_tokens", prompt + completion);
	}

	private static String finishReason(Reply reply) {
		if (reply.finishReason() != null) {
			return reply.finishReason();
		}
		return reply.toolCalls().isEmpty() ? "stop" : "tool_calls";
	}

	private static List<String> textChunks(JsonNode request, Reply reply) {
		if (!reply.echoesUser()) {
			return reply.textChunks();
		}
		String text = lastUserText(request);
		List<String> words = new ArrayList<>();
		int start = 0;
		for (int i = 1; i <= text.length(); i++) {
			if (i == text.length() || text.charAt(i) == ' ') {
				words.add(text.substring(start, i));
				start = i;
			}
		}
		return words;
	}

	private static String lastUserText(JsonNode request) {
		JsonNode messages = request.path("messages");
		for (int i = messages.size() - 1; i >= 0; i--) {
			JsonNode message = messages.get(i);
			if ("user".equals(message.path("role").asText())) {
				JsonNode content = message.path("content");
				if (content.isTextual()) {
					return content.asText();
				}
				StringBuilder text = new StringBuilder();
				content.forEach(part -> {
					if ("text".equals(part.path("type").asText())) {
						text.append(part.path("text").asText());
					}
				});
				return text.toString();
			}
		}
		return "";
	}

	private String nextId() {
		return "chatcmpl-fake" + ids.incrementAndGet();
	}

	private static void event(OutputStream out, ObjectNode chunk) throws IOException {
		out.write(("data: " + JSON.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static void sendError(HttpExchange exchange, Reply reply) throws IOException {
		ObjectNode body = JSON.createObjectNode();
		ObjectNode error = body.putObject("error").put("message", reply.errorMessage()).put("type", reply.errorType());
		error.putNull("param");
		if (reply.errorCode() == null) {
			error.putNull("code");
		} else {
			error.put("code", reply.errorCode());
		}
		if (reply.retryAfter() != null) {
			exchange.getResponseHeaders().set("Retry-After", reply.retryAfter());
		}
		sendJson(exchange, reply.status(), body);
	}

	private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** Thrown inside a handler to make the JDK server drop the connection mid-stream. */
	private static final class StreamCut extends RuntimeException {
		StreamCut() {
			super("stream cut as scripted", null, false, false);
		}
	}
}
