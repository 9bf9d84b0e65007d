package dev.switchboard.plugins.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.testkit.contract.AbstractActionConnectorContract;
import dev.switchboard.sdk.testkit.http.TestEgressHttp;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK's action-connector contract, run against a HubSpot fake answering every example. */
class HubSpotActionConnectorContractTest extends AbstractActionConnectorContract {

	@RegisterExtension
	static WireMockExtension hubspot = HubSpotFake.server();

	@Override
	protected ActionConnector createConnector() {
		hubspot.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts")).willReturn(json("hubspot/contacts-page.json", 200)));
		hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/search"))
				.willReturn(json("hubspot/contacts-search.json", 200)));
		hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts")).willReturn(json("hubspot/contact.json", 201)));
		hubspot.stubFor(patch(urlEqualTo("/crm/v3/objects/contacts/512")).willReturn(json("hubspot/contact.json", 200)));
		hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/notes")).willReturn(json("hubspot/note.json", 201)));
		hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/search")).willReturn(json("hubspot/deals-search.json", 200)));
		hubspot.stubFor(patch(urlEqualTo("/crm/v3/objects/deals/9001")).willReturn(json("hubspot/deal.json", 200)));
		return HubSpotFake.connector(hubspot, TestEgressHttp.allowing("127.0.0.1"));
	}

	@Override
	protected Map<String, String> exampleInputs() {
		return Map.of(
				"hubspot_find_contacts", "{\"email\":\"ada@example.com\"}",
				"hubspot_create_contact", "{\"email\":\"ada@example.com\",\"firstname\":\"Ada\",\"lastname\":\"Lovelace\"}",
				"hubspot_update_contact", "{\"contact_id\":\"512\",\"properties\":{\"phone\":\"+44 20 7946 0000\"}}",
				"hubspot_add_note_to_contact", "{\"contact_id\":\"512\",\"body\":\"Asked about the enterprise plan.\"}",
				"hubspot_find_deals", "{\"contact_id\":\"512\",\"limit\":5}",
				"hubspot_update_deal", "{\"deal_id\":\"9001\",\"properties\":{\"dealstage\":\"closedwon\",\"amount\":15000}}");
	}

	private static ResponseDefinitionBuilder json(String file, int status) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBodyFile(file);
	}
}
