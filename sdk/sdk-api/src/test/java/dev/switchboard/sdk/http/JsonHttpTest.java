package dev.switchboard.sdk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.sdk.error.HttpErrors;
import dev.switchboard.sdk.error.NotFoundException;
import dev.switchboard.sdk.error.RateLimitException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSON client against a real local HTTP server, with a "JSON library" that only reads {@code {…}} text. */
class JsonHttpTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final List<String> seen = new CopyOnWriteArrayList<>();
	private HttpServer server;
	private volatile int status;
	private volatile String answer;
	private volatile Map<String, String> answerHeaders = Map.of();

	@BeforeEach
	void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth=" + exchange.getRequestHeaders()
					.getFirst("Authorization") + " accept=" + exchange.getRequestHeaders().getFirst("Accept") + " type="
					+ exchange.getRequestHeaders().getFirst("Content-Type") + " key=" + exchange.getRequestHeaders()
					.getFirst("Idempotency-Key") + " body=" + body);
			answerHeaders.forEach(exchange.getResponseHeaders()::add);
			byte[] out = answer.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
			if (out.length > 0) {
				exchange.getResponseBody().write(out);
			}
			exchange.close();
		});
		server.start();
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	@Test
	void should_send_json_with_the_shared_headers_and_read_the_answer() {
		answer("{\"id\":7}", 201);

		String created = client().send("POST", "/items", "{\"name\":\"x\"}", Map.of("Idempotency-Key", "k-1"), TIMEOUT,
				"items");

		assertThat(created).isEqualTo("{\"id\":7}");
		assertThat(seen).containsExactly("POST /items auth=Bearer t accept=application/json type=application/json "
				+ "key=k-1 body={\"name\":\"x\"}");
	}

	@Test
	void should_read_an_empty_answer_as_an_empty_object() {
		answer("", 204);

		assertThat(client().patch("/items/7", "{}", TIMEOUT, "item 7")).isEqualTo("{}");
		assertThat(seen.getFirst()).startsWith("PATCH /items/7 ");
	}

	@Test
	void should_refuse_a_success_that_is_not_json() {
		answer("<html>ok</html>", 200);

		Throwable error = catchThrowable(() -> client().get("/items", TIMEOUT, "items"));

		assertThat(error).isInstanceOf(UpstreamUnavailableException.class)
				.hasMessage("Acme answered 200 with a body that is not JSON");
	}

	@Test
	void should_hand_the_mapper_the_parsed_error_body_and_retry_after() {
		answer("{\"message\":\"slow down\"}", 429);
		answerHeaders = Map.of("Retry-After", "3");

		Throwable error = catchThrowable(() -> client().put("/items/7", "{}", TIMEOUT, "item 7"));

		assertThat(error).isInstanceOf(RateLimitException.class).hasMessageContaining("slow down");
		assertThat(((RateLimitException) error).retryAfter()).contains(Duration.ofSeconds(3));
	}

	@Test
	void should_hand_the_mapper_no_body_when_the_error_is_not_json() {
		answer("<html>Not Found</html>", 404);

		Throwable error = catchThrowable(() -> client().get("/items/9", TIMEOUT, "item 9"));

		assertThat(error).isInstanceOf(NotFoundException.class).hasMessage("Acme has no item 9");
	}

	private void answer(String body, int code) {
		answer = body;
		status = code;
	}

	private JsonHttp<String> client() {
		return new JsonHttp<>(new LoopbackHttp(), "http://127.0.0.1:" + server.getAddress().getPort() + "/", "Acme",
				Map.of("Authorization", "Bearer t"), JsonHttpTest::readObject,
				(code, body, retryAfter, subject) -> code == 404
						? new NotFoundException("Acme has no " + subject + (body == null ? "" : ": " + body))
						: HttpErrors.fromStatus(code, body, retryAfter));
	}

	// Stands in for a plugin's JSON library: accepts objects, refuses anything else.
	private static String readObject(String json) {
		if (!json.startsWith("{")) {
			throw new IllegalArgumentException("not JSON");
		}
		return json;
	}

	/** The host's egress, reduced to sending. */
	private static final class LoopbackHttp implements EgressHttp {

		private final HttpClient client = HttpClient.newHttpClient();

		@Override
		public HttpResponse<String> send(HttpRequest request) {
			try {
				return client.send(request, HttpResponse.BodyHandlers.ofString());
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}

		@Override
		public URI checkDestination(URI destination) {
			return destination;
		}
	}
}
