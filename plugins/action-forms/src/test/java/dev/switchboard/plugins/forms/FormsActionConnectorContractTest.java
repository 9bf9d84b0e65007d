package dev.switchboard.plugins.forms;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.plugins.forms.FormsFake.json;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.testkit.contract.AbstractActionConnectorContract;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK's action-connector contract, run on the shipped example forms against a WireMock receiver. */
class FormsActionConnectorContractTest extends AbstractActionConnectorContract {

	@RegisterExtension
	static WireMockExtension receiver = FormsFake.server();

	@Override
	protected ActionConnector createConnector() {
		receiver.stubFor(post(urlEqualTo(FormsFake.REFUND_PATH)).willReturn(json(200, "{\"reference\":\"RF-1042\"}")));
		receiver.stubFor(post(urlEqualTo(FormsFake.DEMO_PATH)).willReturn(json(202, "{\"id\":\"demo-77\"}")));
		return FormsFake.connector(receiver);
	}

	@Override
	protected Map<String, String> exampleInputs() {
		return Map.of(
				"forms_list", "{}",
				"forms_submit_refund_request", FormsFake.REFUND,
				"forms_submit_demo_booking", FormsFake.DEMO);
	}
}
