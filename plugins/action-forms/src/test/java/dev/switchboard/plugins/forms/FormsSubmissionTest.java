package dev.switchboard.plugins.forms;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.plugins.forms.FormsFake.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.action.ActionResult;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** What a receiver gets: the signed request, its headers and body, and what the connector reports back. */
class FormsSubmissionTest {

	private static final ObjectMapper JSON = JsonMapper.builder().build();
	private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");

	@RegisterExtension
	static WireMockExtension receiver = FormsFake.server();

	private ActionConnector connector;

	@BeforeEach
	void connect() {
		receiver.stubFor(post(urlEqualTo(FormsFake.REFUND_PATH)).willReturn(json(200, "{\"reference\":\"RF-1042\"}")));
		receiver.stubFor(post(urlEqualTo(FormsFake.DEMO_PATH)).willReturn(json(204, "")));
		connector = FormsFake.connector(receiver);
	}

	@Test
	void should_sign_the_exact_body_with_hmac_sha256_of_timestamp_dot_body() {
		connector.invoke("forms_submit_refund_request", FormsFake.REFUND, FormsFake.context());

		LoggedRequest request = onlyRequest();
		Matcher signature = SIGNATURE.matcher(request.getHeader("Switchboard-Signature"));
		assertThat(signature.matches()).as("header %s", request.getHeader("Switchboard-Signature")).isTrue();
		long t = Long.parseLong(signature.group(1));
		assertThat(signature.group(2))
				.isEqualTo(ReceiverSignatureCheck.hmacHex(FormsFake.SIGNING_SECRET, t + "." + request.getBodyAsString()));
	}

	@Test
	void should_timestamp_the_signature_with_the_clock_within_the_tolerance_window() {
		connector.invoke("forms_submit_refund_request", FormsFake.REFUND, FormsFake.context());

		String header = onlyRequest().getHeader("Switchboard-Signature");
		Matcher signature = SIGNATURE.matcher(header);
		assertThat(signature.matches()).isTrue();
		assertThat(Long.parseLong(signature.group(1))).isEqualTo(FormsFake.NOW.getEpochSecond());
		assertThat(ReceiverSignatureCheck.accepts(header, onlyRequest().getBodyAsString(), FormsFake.SIGNING_SECRET,
				FormsFake.NOW.plusSeconds(ReceiverSignatureCheck.TOLERANCE_SECONDS))).isTrue();
	}

	@Test
	void should_let_a_receiver_refuse_a_replayed_tampered_or_foreign_request() {
		connector.invoke("forms_submit_refund_request", FormsFake.REFUND, FormsFake.context());
		String header = onlyRequest().getHeader("Switchboard-Signature");
		String body = onlyRequest().getBodyAsString();

		// Replayed after the window, altered in flight, or signed with another secret: each is refused.
		assertThat(ReceiverSignatureCheck.accepts(header, body, FormsFake.SIGNING_SECRET,
				FormsFake.NOW.plusSeconds(ReceiverSignatureCheck.TOLERANCE_SECONDS + 1))).isFalse();
		assertThat(ReceiverSignatureCheck.accepts(header, body.replace("49.9", "4990"), FormsFake.SIGNING_SECRET,
				FormsFake.NOW)).isFalse();
		assertThat(ReceiverSignatureCheck.accepts(header, body, "another-secret-of-the-same-length-0000000000",
				FormsFake.NOW)).isFalse();
	}

	@Test
	void should_post_the_submission_with_its_idempotency_key_and_event_type() {
		connector.invoke("forms_submit_refund_request", FormsFake.REFUND, FormsFake.context());

		receiver.verify(postRequestedFor(urlEqualTo(FormsFake.REFUND_PATH))
				.withHeader("Content-Type", equalTo("application/json"))
				.withHeader("Idempotency-Key", equalTo(FormsFake.IDEMPOTENCY_KEY))
				.withHeader("Switchboard-Event", equalTo("form.submitted"))
				.withRequestBody(equalToJson("""
						{"type": "form.submitted", "id": "${json-unit.regex}sub_[0-9a-f-]{36}", "form": "refund_request",
						 "form_title": "Refund request", "tenant_id": "tenant-a", "end_user_id": "user-1",
						 "data": {"order_id": "ORD-20481932", "amount": 49.9, "reason": "damaged",
						          "details": "The mug arrived in three pieces."}}
						""")));
	}

	@Test
	void should_send_a_retry_with_the_same_submission_id_and_body() {
		connector.invoke("forms_submit_refund_request", FormsFake.REFUND, FormsFake.context());
		connector.invoke("forms_submit_refund_request", FormsFake.REFUND, FormsFake.context());
		connector.invoke("forms_submit_refund_request", FormsFake.REFUND,
				new ActionContext("tenant-a", "user-1", "another-approved-invocation", null, Duration.ofSeconds(10)));

		List<String> bodies = receiver.findAll(postRequestedFor(urlEqualTo(FormsFake.REFUND_PATH))).stream()
				.map(LoggedRequest::getBodyAsString).toList();
		assertThat(bodies).hasSize(3);
		assertThat(bodies.get(1)).isEqualTo(bodies.get(0));
		assertThat(submissionId(bodies.get(2))).isNotEqualTo(submissionId(bodies.get(0)));
	}

	@Test
	void should_report_the_submission_and_the_receivers_reference() {
		ActionResult result = connector.invoke("forms_submit_refund_request", FormsFake.REFUND, FormsFake.context());

		JsonNode output = JSON.readTree(result.output());
		assertThat(output.get("submission_id").asString()).isEqualTo(submissionId(onlyRequest().getBodyAsString()));
		assertThat(output.get("status").asString()).isEqualTo("delivered");
		assertThat(output.get("receiver_status").asInt()).isEqualTo(200);
		assertThat(output.get("receiver_reference").asString()).isEqualTo("RF-1042");
		assertThat(result.summary()).startsWith("Submitted Refund request (submission sub_").endsWith(", reference RF-1042)");
	}

	@Test
	void should_accept_an_empty_2xx_answer() {
		ActionResult result = connector.invoke("forms_submit_demo_booking", FormsFake.DEMO, FormsFake.context());

		JsonNode output = JSON.readTree(result.output());
		assertThat(output.get("receiver_status").asInt()).isEqualTo(204);
		assertThat(output.get("receiver_reference").isNull()).isTrue();
	}

	@Test
	void should_ping_each_webhook_once_with_a_signed_event_to_verify() {
		connector.verifyConnection();

		List<LoggedRequest> pings = receiver.findAll(anyRequestedFor(anyUrl()));
		assertThat(pings).extracting(LoggedRequest::getUrl)
				.containsExactlyInAnyOrder(FormsFake.REFUND_PATH, FormsFake.DEMO_PATH);
		assertThat(pings).allSatisfy(ping -> {
			assertThat(ping.getHeader("Switchboard-Event")).isEqualTo("ping");
			assertThat(JSON.readTree(ping.getBodyAsString()).get("type").asString()).isEqualTo("ping");
			assertThat(ReceiverSignatureCheck.accepts(ping.getHeader("Switchboard-Signature"), ping.getBodyAsString(),
					FormsFake.SIGNING_SECRET, FormsFake.NOW)).isTrue();
		});
	}

	@Test
	void should_list_the_forms_with_their_fields_and_required_ones() {
		ActionResult result = connector.invoke("forms_list", "{\"form\":\"demo_booking\"}", FormsFake.context());

		JsonNode form = JSON.readTree(result.output()).get("forms").get(0);
		assertThat(form.get("action").asString()).isEqualTo("forms_submit_demo_booking");
		assertThat(form.get("required").valueStream().map(JsonNode::asString))
				.containsExactly("name", "work_email", "company", "team_size", "preferred_date");
		assertThat(form.at("/fields/work_email/format").asString()).isEqualTo("email");
		assertThat(form.at("/fields/team_size/enum").size()).isEqualTo(5);
		assertThat(receiver.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	private LoggedRequest onlyRequest() {
		List<LoggedRequest> requests = receiver.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.getFirst();
	}

	private static String submissionId(String body) {
		return JSON.readTree(body).get("id").asString();
	}
}
