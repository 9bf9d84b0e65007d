package dev.switchboard.plugins.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.testkit.http.TestEgressHttp;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What goes over the wire: method, path, bearer token and the exact JSON HubSpot documents; and how pages are capped. */
class HubSpotRequestShapeTest {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String CONTACT_PROPERTIES =
			"[\"email\",\"firstname\",\"lastname\",\"company\",\"phone\",\"lifecyclestage\",\"lastmodifieddate\"]";

	@RegisterExtension
	static WireMockExtension hubspot = HubSpotFake.server();

	private ActionConnector connector;

	@BeforeEach
	void connect() {
		connector = HubSpotFake.connector(hubspot, TestEgressHttp.allowing("127.0.0.1"));
	}

	@Test
	void should_search_contacts_by_email_with_a_filter_group_and_the_bearer_token() throws Exception {
		stubContactSearch("hubspot/contacts-search.json");

		ActionResult result = invoke("hubspot_find_contacts", "{\"email\":\"ada@example.com\",\"company\":\"Analytical Engines Ltd\"}");

		hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/search"))
				.withHeader("Authorization", equalTo("Bearer " + HubSpotFake.TOKEN))
				.withHeader("Content-Type", equalTo("application/json"))
				.withRequestBody(equalToJson("""
						{"filterGroups": [{"filters": [
						   {"propertyName": "email", "operator": "EQ", "value": "ada@example.com"},
						   {"propertyName": "company", "operator": "EQ", "value": "Analytical Engines Ltd"}]}],
						 "properties": %s,
						 "limit": 10}
						""".formatted(CONTACT_PROPERTIES))));
		JsonNode output = JSON.readTree(result.output());
		assertThat(output.at("/contacts/0/id").asText()).isEqualTo("512");
		assertThat(output.at("/contacts/0/email").asText()).isEqualTo("ada@example.com");
		assertThat(output.at("/contacts/0/company").asText()).isEqualTo("Analytical Engines Ltd");
		assertThat(output.get("total").asInt()).isEqualTo(37);
		assertThat(output.get("has_more").asBoolean()).isTrue();
		assertThat(output.get("next_after").asText()).isEqualTo("NTI1Cg%3D%3D");
	}

	@Test
	void should_search_a_single_word_name_in_first_and_last_names() {
		stubContactSearch("hubspot/contacts-search.json");

		invoke("hubspot_find_contacts", "{\"name\":\"Lovelace\",\"limit\":3,\"after\":\"NTI1Cg%3D%3D\"}");

		hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/search")).withRequestBody(equalToJson("""
				{"filterGroups": [
				   {"filters": [{"propertyName": "firstname", "operator": "CONTAINS_TOKEN", "value": "Lovelace"}]},
				   {"filters": [{"propertyName": "lastname", "operator": "CONTAINS_TOKEN", "value": "Lovelace"}]}],
				 "properties": %s, "limit": 3, "after": "NTI1Cg%%3D%%3D"}
				""".formatted(CONTACT_PROPERTIES))));
	}

	@Test
	void should_search_a_full_name_as_first_and_last_name_together() {
		stubContactSearch("hubspot/contacts-search.json");

		invoke("hubspot_find_contacts", "{\"name\":\"Ada King Lovelace\"}");

		hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/search")).withRequestBody(equalToJson("""
				{"filterGroups": [{"filters": [
				   {"propertyName": "firstname", "operator": "CONTAINS_TOKEN", "value": "Ada"},
				   {"propertyName": "lastname", "operator": "CONTAINS_TOKEN", "value": "Lovelace"}]}]}
				""", true, true)));
	}

	@Test
	void should_never_ask_for_more_than_twenty_records() {
		stubContactSearch("hubspot/contacts-search.json");

		invoke("hubspot_find_contacts", "{\"email\":\"ada@example.com\",\"limit\":500}");

		hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/search"))
				.withRequestBody(equalToJson("{\"limit\": 20}", true, true)));
	}

	@Test
	void should_cap_the_results_returned_even_when_hubspot_sends_more() throws Exception {
		String results = IntStream.rangeClosed(1, 25)
				.mapToObj(i -> "{\"id\":\"" + i + "\",\"properties\":{\"email\":\"c" + i + "@example.com\"}}")
				.collect(Collectors.joining(","));
		hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/search")).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json").withBody("{\"total\":25,\"results\":[" + results + "]}")));

		JsonNode output = JSON.readTree(invoke("hubspot_find_contacts", "{\"company\":\"Acme\",\"limit\":20}").output());

		assertThat(output.get("contacts")).hasSize(20);
		assertThat(output.get("has_more").asBoolean()).isTrue();
	}

	@Test
	void should_report_the_last_page_without_a_cursor() throws Exception {
		hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/search")).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json").withBodyFile("hubspot/deals-search.json")));

		JsonNode output = JSON.readTree(invoke("hubspot_find_deals", "{\"name\":\"renewal\"}").output());

		assertThat(output.get("has_more").asBoolean()).isFalse();
		assertThat(output.get("next_after").isNull()).isTrue();
		assertThat(output.at("/deals/0/name").asText()).isEqualTo("Analytical Engines renewal");
		assertThat(output.at("/deals/0/stage").asText()).isEqualTo("contractsent");
	}

	@Test
	void should_search_deals_by_name_stage_and_associated_contact() {
		hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/deals/search")).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json").withBodyFile("hubspot/deals-search.json")));

		invoke("hubspot_find_deals", "{\"name\":\"engines renewal\",\"stage\":\"contractsent\",\"contact_id\":\"512\"}");

		hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/deals/search")).withRequestBody(equalToJson("""
				{"filterGroups": [{"filters": [
				   {"propertyName": "dealname", "operator": "CONTAINS_TOKEN", "value": "engines"},
				   {"propertyName": "dealname", "operator": "CONTAINS_TOKEN", "value": "renewal"},
				   {"propertyName": "dealstage", "operator": "EQ", "value": "contractsent"},
				   {"propertyName": "associations.contact", "operator": "EQ", "value": "512"}]}],
				 "properties": ["dealname", "amount", "dealstage", "pipeline", "closedate", "hs_lastmodifieddate"],
				 "limit": 10}
				""")));
	}

	@Test
	void should_create_a_contact_from_its_properties() throws Exception {
		hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts")).willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json").withBodyFile("hubspot/contact.json")));

		ActionResult result = invoke("hubspot_create_contact",
				"{\"email\":\"ada@example.com\",\"firstname\":\"Ada\",\"lastname\":\"Lovelace\",\"jobtitle\":\"Analyst\"}");

		hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/contacts")).withRequestBody(equalToJson("""
				{"properties": {"email": "ada@example.com", "firstname": "Ada", "lastname": "Lovelace", "jobtitle": "Analyst"}}
				""")));
		assertThat(JSON.readTree(result.output()).get("id").asText()).isEqualTo("512");
		assertThat(result.summary()).contains("512");
	}

	@Test
	void should_patch_contact_properties_as_strings() {
		hubspot.stubFor(patch(urlEqualTo("/crm/v3/objects/contacts/512")).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json").withBodyFile("hubspot/contact.json")));

		invoke("hubspot_update_contact", "{\"contact_id\":\"512\",\"properties\":{\"lifecyclestage\":\"customer\",\"hs_lead_score\":42}}");

		hubspot.verify(patchRequestedFor(urlEqualTo("/crm/v3/objects/contacts/512"))
				.withHeader("Authorization", equalTo("Bearer " + HubSpotFake.TOKEN))
				.withRequestBody(equalToJson("{\"properties\": {\"lifecyclestage\": \"customer\", \"hs_lead_score\": \"42\"}}")));
	}

	@Test
	void should_patch_a_deal() {
		hubspot.stubFor(patch(urlEqualTo("/crm/v3/objects/deals/9001")).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json").withBodyFile("hubspot/deal.json")));

		invoke("hubspot_update_deal", "{\"deal_id\":\"9001\",\"properties\":{\"dealstage\":\"closedwon\"}}");

		hubspot.verify(patchRequestedFor(urlEqualTo("/crm/v3/objects/deals/9001"))
				.withRequestBody(equalToJson("{\"properties\": {\"dealstage\": \"closedwon\"}}")));
	}

	@Test
	void should_create_a_note_associated_with_the_contact() throws Exception {
		hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/notes")).willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json").withBodyFile("hubspot/note.json")));

		ActionResult result = invoke("hubspot_add_note_to_contact",
				"{\"contact_id\":\"512\",\"body\":\"Asked about the enterprise plan.\"}");

		hubspot.verify(postRequestedFor(urlEqualTo("/crm/v3/objects/notes")).withRequestBody(equalToJson("""
				{"properties": {"hs_timestamp": "2026-11-29T06:00:00Z", "hs_note_body": "Asked about the enterprise plan."},
				 "associations": [{"to": {"id": "512"},
				                   "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 202}]}]}
				""")));
		assertThat(JSON.readTree(result.output()).get("note_id").asText()).isEqualTo("87654");
	}

	private ActionResult invoke(String action, String input) {
		return connector.invoke(action, input, HubSpotFake.context());
	}

	private static void stubContactSearch(String file) {
		hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/search")).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json").withBodyFile(file)));
	}
}
