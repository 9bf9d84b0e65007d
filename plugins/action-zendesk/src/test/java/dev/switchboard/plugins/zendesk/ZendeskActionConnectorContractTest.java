package dev.switchboard.plugins.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.plugins.zendesk.ZendeskFake.json;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.testkit.contract.AbstractActionConnectorContract;
import dev.switchboard.sdk.testkit.http.TestEgressHttp;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK's action-connector contract, run against a Zendesk fake answering every example. */
class ZendeskActionConnectorContractTest extends AbstractActionConnectorContract {

	@RegisterExtension
	static WireMockExtension zendesk = ZendeskFake.server();

	@Override
	protected ActionConnector createConnector() {
		zendesk.stubFor(get(urlEqualTo("/api/v2/users/me.json")).willReturn(json(200, "zendesk/me.json")));
		zendesk.stubFor(post(urlEqualTo("/api/v2/tickets.json")).willReturn(json(201, "zendesk/ticket-created.json")));
		zendesk.stubFor(get(urlEqualTo("/api/v2/tickets/35436.json")).willReturn(json(200, "zendesk/ticket.json")));
		zendesk.stubFor(put(urlEqualTo("/api/v2/tickets/35436.json"))
				.withRequestBody(equalToJson("{\"ticket\":{\"status\":\"solved\"}}", true, true))
				.willReturn(json(200, "zendesk/ticket-solved.json")));
		zendesk.stubFor(put(urlEqualTo("/api/v2/tickets/35436.json"))
				.withRequestBody(equalToJson("{\"ticket\":{\"comment\":{}}}", true, true))
				.willReturn(json(200, "zendesk/ticket-commented.json")));
		return ZendeskFake.connector(zendesk, TestEgressHttp.allowing("127.0.0.1"));
	}

	@Override
	protected Map<String, String> exampleInputs() {
		return Map.of(
				"zendesk_create_ticket", "{\"subject\":\"Export to CSV times out\",\"description\":\"It fails.\"}",
				"zendesk_get_ticket", "{\"ticket_id\":35436}",
				"zendesk_add_comment", "{\"ticket_id\":35436,\"body\":\"Customer says it fails every morning.\",\"public\":false}",
				"zendesk_solve_ticket", "{\"ticket_id\":35436}");
	}
}
