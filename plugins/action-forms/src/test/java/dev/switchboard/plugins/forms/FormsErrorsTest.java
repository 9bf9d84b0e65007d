package dev.switchboard.plugins.forms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.plugins.forms.FormsFake.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.error.AuthenticationException;
import dev.switchboard.sdk.error.EgressDeniedException;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.error.NotFoundException;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.error.RateLimitException;
import dev.switchboard.sdk.error.UnsupportedFeatureException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.testkit.http.TestEgressHttp;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every receiver answer that is not 2xx becomes an SDK exception, with a summary and never a raw body. */
class FormsErrorsTest {

	@RegisterExtension
	static WireMockExtension receiver = FormsFake.server();

	private ActionConnector connector;

	@BeforeEach
	void connect() {
		connector = FormsFake.connector(receiver);
	}

	@Test
	void should_report_a_refused_signature_as_an_authentication_problem() {
		answer(json(401, "{\"error\":\"invalid signature\"}"));

		PluginException error = submitFailing();

		assertThat(error).isInstanceOf(AuthenticationException.class);
		assertThat(error.getMessage()).contains("refund_request at 127.0.0.1").contains("same signing secret")
				.contains("invalid signature").doesNotContain(FormsFake.SIGNING_SECRET);
	}

	@Test
	void should_report_a_forbidden_answer_as_an_authentication_problem() {
		answer(aResponse().withStatus(403));

		assertThat(submitFailing()).isInstanceOf(AuthenticationException.class);
	}

	@Test
	void should_report_a_missing_endpoint_without_showing_its_path() {
		answer(json(404, "{\"message\":\"No route\"}"));

		PluginException error = submitFailing();

		assertThat(error).isInstanceOf(NotFoundException.class);
		assertThat(error.getMessage()).contains("check the form's webhook URL").contains("No route")
				.doesNotContain(FormsFake.REFUND_PATH);
	}

	@Test
	void should_summarise_a_receivers_validation_errors() {
		answer(json(422, """
				{"title": "Unprocessable", "errors": [{"message": "order ORD-20481932 is not refundable"},
				 {"message": "amount exceeds the order total"}], "trace": "at com.acme.Refunds.check(Refunds.java:42)"}
				"""));

		PluginException error = submitFailing();

		assertThat(error).isInstanceOf(InvalidRequestException.class);
		assertThat(error.getMessage()).contains("upstream answered 422").contains("Unprocessable")
				.contains("order ORD-20481932 is not refundable").contains("amount exceeds the order total")
				.doesNotContain("Refunds.java");
	}

	@Test
	void should_report_a_bad_request_as_invalid() {
		answer(json(400, "{\"error\":{\"message\":\"reason is not supported\",\"code\":\"bad_reason\"}}"));

		PluginException error = submitFailing();

		assertThat(error).isInstanceOf(InvalidRequestException.class);
		assertThat(error.getMessage()).contains("reason is not supported; bad_reason");
		assertThat(error.retriable()).isFalse();
	}

	@Test
	void should_honour_retry_after_when_rate_limited() {
		answer(json(429, "{\"message\":\"slow down\"}").withHeader("Retry-After", "42"));

		RateLimitException error = catchThrowableOfType(RateLimitException.class, () -> connector
				.invoke("forms_submit_refund_request", FormsFake.REFUND, FormsFake.context()));

		assertThat(error.retryAfter()).contains(Duration.ofSeconds(42));
		assertThat(error.retriable()).isTrue();
	}

	@Test
	void should_report_a_server_error_as_retriable() {
		answer(aResponse().withStatus(500));

		PluginException error = submitFailing();

		assertThat(error).isInstanceOf(UpstreamUnavailableException.class);
		assertThat(error.retriable()).isTrue();
	}

	@Test
	void should_not_echo_an_html_error_page() {
		answer(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
				.withBody("<html><body>Bad gateway on edge-7 secret-internal-name</body></html>"));

		PluginException error = submitFailing();

		assertThat(error).isInstanceOf(UpstreamUnavailableException.class);
		assertThat(error.getMessage()).doesNotContain("<html>").doesNotContain("edge-7");
	}

	@Test
	void should_cut_a_long_error_summary() {
		answer(json(400, "{\"message\":\"" + "x".repeat(5000) + "\"}"));

		assertThat(submitFailing().getMessage()).hasSizeLessThan(400);
	}

	@Test
	void should_report_a_redirect_instead_of_following_it() {
		answer(aResponse().withStatus(301).withHeader("Location", "https://elsewhere.example/hook"));

		PluginException error = submitFailing();

		assertThat(error).isInstanceOf(InvalidRequestException.class);
		assertThat(error.getMessage()).contains("301").contains("set the form's webhook to the final URL");
	}

	@Test
	void should_refuse_a_filled_form_the_schema_forbids_before_sending_it() {
		InvalidRequestException error = catchThrowableOfType(InvalidRequestException.class,
				() -> connector.invoke("forms_submit_demo_booking", """
						{"name": "Ada", "work_email": "not an email", "company": "AE", "team_size": "11-50",
						 "preferred_date": "next Tuesday"}
						""", FormsFake.context()));

		assertThat(error.getMessage()).contains("was not sent").contains("work_email").contains("preferred_date")
				.contains("Ask the user");
		assertThat(receiver.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void should_refuse_an_unknown_action() {
		assertThat(catchThrowableOfType(UnsupportedFeatureException.class,
				() -> connector.invoke("forms_submit_nothing", "{}", FormsFake.context()))).isNotNull();
	}

	@Test
	void should_name_the_failing_receiver_when_verifying() {
		receiver.stubFor(post(urlEqualTo(FormsFake.REFUND_PATH)).willReturn(aResponse().withStatus(200)));
		receiver.stubFor(post(urlEqualTo(FormsFake.DEMO_PATH)).willReturn(json(401, "{\"error\":\"bad signature\"}")));

		AuthenticationException error = catchThrowableOfType(AuthenticationException.class, connector::verifyConnection);

		assertThat(error.getMessage()).contains("the receiver of form demo_booking at 127.0.0.1")
				.contains("same signing secret");
	}

	@Test
	void should_report_a_webhook_host_the_egress_refuses_when_verifying() {
		ActionConnector elsewhere = FormsFake.connector(receiver, TestEgressHttp.allowing("hooks.example.com"));

		assertThat(catchThrowableOfType(EgressDeniedException.class, elsewhere::verifyConnection).getMessage())
				.contains("127.0.0.1");
	}

	private PluginException submitFailing() {
		return catchThrowableOfType(PluginException.class,
				() -> connector.invoke("forms_submit_refund_request", FormsFake.REFUND, FormsFake.context()));
	}

	private static void answer(ResponseDefinitionBuilder response) {
		receiver.stubFor(any(anyUrl()).willReturn(response));
	}
}
