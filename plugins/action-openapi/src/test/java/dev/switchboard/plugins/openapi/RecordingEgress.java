package dev.switchboard.plugins.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sdk.http.EgressHttp;
import dev.switchboard.sdk.testkit.http.TestEgressHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The test kit's loopback-only egress, also keeping each answer so a test can see what Prism said of a request. */
final class RecordingEgress implements EgressHttp {

	private final TestEgressHttp delegate = TestEgressHttp.allowing("127.0.0.1");
	private final List<HttpResponse<String>> responses = new CopyOnWriteArrayList<>();

	@Override
	public HttpResponse<String> send(HttpRequest request) {
		HttpResponse<String> response = delegate.send(request);
		responses.add(response);
		return response;
	}

	@Override
	public URI checkDestination(URI destination) {
		return delegate.checkDestination(destination);
	}

	List<HttpResponse<String>> responses() {
		return List.copyOf(responses);
	}

	HttpResponse<String> last() {
		return responses.getLast();
	}

	/** Whether Prism found the request valid against the document: no violations reported, no 422 of its own. */
	static boolean prismAccepted(HttpResponse<String> response) {
		return response.headers().firstValue("sl-violations").isEmpty() && response.statusCode() != 422;
	}

	/** Asserts Prism accepted every request sent so far. */
	void assertPrismAcceptedAll() {
		assertThat(responses).allSatisfy(response -> assertThat(prismAccepted(response))
				.as("Prism accepted %s %s (answered %s, violations %s)", response.request().method(),
						response.request().uri(), response.statusCode(),
						response.headers().firstValue("sl-violations").orElse("none"))
				.isTrue());
	}
}
