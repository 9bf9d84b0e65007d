package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.sdk.embedding.TextEmbedder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One signal at a time, with the real model. */
class RouterTest {

	private static final AtomicInteger EMBEDDED = new AtomicInteger();
	private static Router router;
	private static RoutingCatalog catalog;

	@BeforeAll
	static void setUp() {
		router = new Router(counting(MiniLm.shared()));
		catalog = RoutingSet.catalog("/routing/catalog.json");
	}

	// (a) modality

	@Test
	void should_send_every_image_turn_to_vision_whatever_the_text() {
		for (String text : List.of("", "hello", "cancel my subscription", "please open a ticket for this bug")) {
			RouteDecision d = router.decide(Turn.withImage(text), catalog);
			assertThat(d.route()).as(text).isEqualTo(Route.VISION);
			assertThat(d.action()).isNull();
			assertThat(d.confidence()).isEqualTo(1.0);
			assertThat(d.reasons()).singleElement().asString().startsWith("modality");
		}
		assertThat(router.decide(new Turn("look", List.of("image/png"), Map.of()), catalog).route()).isEqualTo(Route.VISION);
		assertThat(router.decide(new Turn("see the PDF", List.of("application/pdf"), Map.of()), catalog).route())
				.isNotEqualTo(Route.VISION);
	}

	@Test
	void should_not_let_a_tenant_rule_take_an_image_away_from_vision() {
		RoutingCatalog withRule = catalog(Map.of("rules", List.of(Map.of("if", Map.of("userTier", "free"), "route", "small"))));
		RouteDecision d = router.decide(new Turn("what is this?", List.of("image"), Map.of("userTier", "free")), withRule);
		assertThat(d.route()).isEqualTo(Route.VISION);
	}

	@Test
	void should_not_choose_vision_for_a_text_turn_about_images() {
		assertThat(router.decide(Turn.text("can you look at screenshots if I send one?"), catalog).route())
				.isNotEqualTo(Route.VISION);
	}

	// (b) embeddings

	@Test
	void should_route_by_similarity_and_explain_with_scores() {
		RouteDecision greeting = router.decide(Turn.text("hello, good to see you"), catalog);
		assertThat(greeting.route()).isEqualTo(Route.SMALL);
		assertThat(greeting.scores()).containsKeys("small", "reasoning", "action");
		assertThat(greeting.reasons()).anyMatch(r -> r.startsWith("embeddings: closest to small"));

		RouteDecision analysis = router.decide(Turn.text("Our team keeps missing deadlines on multi-team projects. "
				+ "Analyse the likely causes and propose a plan to fix it over the next quarter."), catalog);
		assertThat(analysis.route()).isEqualTo(Route.REASONING);
		assertThat(analysis.action()).isNull();

		RouteDecision refund = router.decide(Turn.text("please refund order 1234, it arrived broken"), catalog);
		assertThat(refund.route()).isEqualTo(Route.ACTION);
		assertThat(refund.action()).isEqualTo("forms.submit_refund_request");
		assertThat(refund.scores()).containsKey("action:forms.submit_refund_request");
		assertThat(refund.confidence()).isBetween(0.0, 1.0);
	}

	@Test
	void should_ignore_quoted_material_when_matching_actions() {
		RouteDecision d = router.decide(Turn.text("translate 'please cancel my subscription' into Spanish"), catalog);
		assertThat(d.route()).isEqualTo(Route.SMALL);
	}

	@Test
	void should_use_the_tenants_own_examples_and_bias() {
		String text = "ship it";
		RoutingCatalog tuned = catalog(Map.of("roles", Map.of(
				"small", "Greetings and one-line answers.",
				"reasoning", "Analysis and planning.",
				"action", Map.of("description", "Needs a connector.", "examples", List.of("ship it", "deploy now"), "bias", 0.1))));
		assertThat(router.decide(Turn.text(text), tuned).route()).isEqualTo(Route.ACTION);
	}

	@Test
	void should_name_no_action_below_the_action_threshold() {
		RoutingCatalog strict = catalog(Map.of("thresholds", Map.of("action", 0.99)));
		RouteDecision d = router.decide(Turn.text("cancel my subscription"), strict);
		assertThat(d.route()).isEqualTo(Route.ACTION);
		assertThat(d.action()).isNull();
		assertThat(d.reasons()).anyMatch(r -> r.contains("no action is close enough"));
	}

	// (c) conversation context

	@Test
	void should_continue_the_previous_action_on_a_short_confirmation() {
		RouteDecision previous = RouteDecision.previous(Route.ACTION, "billing.cancel_subscription");
		for (String reply : List.of("yes, do it", "go ahead please", "sure, proceed")) {
			RouteDecision d = router.decide(Turn.text(reply), catalog, previous, null);
			assertThat(d.route()).as(reply).isEqualTo(Route.ACTION);
			assertThat(d.action()).isEqualTo("billing.cancel_subscription");
			assertThat(d.reasons()).anyMatch(r -> r.startsWith("context:"));
		}
	}

	@Test
	void should_not_treat_a_new_request_as_a_confirmation() {
		RouteDecision previous = RouteDecision.previous(Route.ACTION, "billing.cancel_subscription");
		RouteDecision d = router.decide(Turn.text("Compare the costs of the two plans for a team of 30 over three years "
				+ "and tell me which is cheaper."), catalog, previous, null);
		assertThat(d.route()).isEqualTo(Route.REASONING);
		assertThat(router.decide(Turn.text("yes, do it"), catalog).reasons()).noneMatch(r -> r.startsWith("context:"));
	}

	// (d) low confidence and the LLM-as-router hook

	@Test
	void should_ask_the_hook_only_when_confidence_is_low() {
		AtomicInteger asked = new AtomicInteger();
		RouterModelHook hook = (turn, cat, tentative) -> {
			asked.incrementAndGet();
			return Optional.of(new RouterModelHook.Verdict(Route.ACTION, "crm.find_contact", "looks up a person"));
		};
		RoutingCatalog alwaysLow = catalog(Map.of("thresholds", Map.of("margin", 1.0)));
		RouteDecision d = router.decide(Turn.text("who is Jane?"), alwaysLow, null, hook);
		assertThat(asked).hasValue(1);
		assertThat(d.route()).isEqualTo(Route.ACTION);
		assertThat(d.action()).isEqualTo("crm.find_contact");
		assertThat(d.reasons()).anyMatch(r -> r.startsWith("low confidence")).anyMatch(r -> r.startsWith("llm router"));

		RoutingCatalog neverLow = catalog(Map.of("thresholds", Map.of("margin", 0.0)));
		RouteDecision confident = router.decide(Turn.text("who is Jane?"), neverLow, null, hook);
		assertThat(asked).hasValue(1);
		assertThat(confident.lowConfidence()).isFalse();
	}

	@Test
	void should_keep_the_embedding_decision_when_the_hook_has_no_answer() {
		RoutingCatalog alwaysLow = catalog(Map.of("thresholds", Map.of("margin", 1.0)));
		RouteDecision without = router.decide(Turn.text("good morning"), alwaysLow);
		RouteDecision d = router.decide(Turn.text("good morning"), alwaysLow, null, (t, c, tentative) -> Optional.empty());
		assertThat(d.route()).isEqualTo(without.route());
		assertThat(d.lowConfidence()).isTrue();
		RouteDecision failing = router.decide(Turn.text("good morning"), alwaysLow, null, (t, c, tentative) -> {
			throw new IllegalStateException("model down");
		});
		assertThat(failing.route()).isEqualTo(without.route());
	}

	// (e) tenant rules

	@Test
	void should_apply_the_first_matching_tenant_rule() {
		RoutingCatalog withRules = catalog(Map.of("rules", List.of(
				Map.of("if", Map.of("userTier", "enterprise", "route", "small"), "route", "reasoning"),
				Map.of("if", Map.of("userTier", "trial"), "route", "small"))));
		Turn enterpriseHello = new Turn("hi there", List.of(), Map.of("userTier", "enterprise"));
		RouteDecision d = router.decide(enterpriseHello, withRules);
		assertThat(d.route()).isEqualTo(Route.REASONING);
		assertThat(d.reasons()).last().asString().startsWith("tenant rule:");
		assertThat(router.decide(new Turn("hi there", List.of(), Map.of("userTier", "free")), withRules).route())
				.isEqualTo(Route.SMALL);
		Turn enterpriseAction = new Turn("cancel my subscription", List.of(), Map.of("userTier", "enterprise"));
		assertThat(router.decide(enterpriseAction, withRules).route()).isEqualTo(Route.ACTION);
		Turn trialAction = new Turn("cancel my subscription", List.of(), Map.of("userTier", "trial"));
		RouteDecision trial = router.decide(trialAction, withRules);
		assertThat(trial.route()).isEqualTo(Route.SMALL);
		assertThat(trial.action()).isNull();
	}

	// catalog handling

	@Test
	void should_embed_a_catalog_once_per_content() {
		router.decide(Turn.text("warm"), catalog);
		int before = EMBEDDED.get();
		RoutingCatalog same = RoutingSet.catalog("/routing/catalog.json");
		router.decide(Turn.text("hello"), same);
		assertThat(EMBEDDED.get() - before).as("only the message is embedded").isEqualTo(1);
		int cached = router.cachedCatalogs();
		router.decide(Turn.text("hello"), catalog(Map.of("thresholds", Map.of("margin", 0.5))));
		assertThat(router.cachedCatalogs()).as("thresholds do not change the vectors").isEqualTo(cached);
		router.decide(Turn.text("hello"), catalog(Map.of("roles", Map.of("small", "Chit-chat.", "reasoning", "Thinking.",
				"action", "Doing."))));
		assertThat(router.cachedCatalogs()).isEqualTo(cached + 1);
	}

	@Test
	void should_reject_a_bad_catalog_with_every_problem() {
		ObjectNode bad = RoutingSet.JSON.createObjectNode();
		bad.putObject("roles").put("small", "").put("poetry", "x");
		var actions = bad.putArray("actions");
		actions.addObject().put("description", "no name");
		actions.addObject().put("name", "crm.find_contact").put("description", "Look up a contact.");
		bad.putObject("thresholds").put("margin", 3);
		bad.putArray("rules").addObject().put("route", "nowhere");
		assertThatThrownBy(() -> RoutingCatalog.parse(bad)).isInstanceOfSatisfying(
				RoutingCatalog.InvalidCatalogException.class, e -> assertThat(e.errors()).containsKeys(
						"catalog.roles.small", "catalog.roles.poetry", "catalog.roles.reasoning", "catalog.roles.action",
						"catalog.actions[0].name", "catalog.thresholds.margin", "catalog.rules[0].if", "catalog.rules[0].route"));
	}

	@Test
	void should_never_choose_action_for_a_catalog_without_an_action_role() {
		ObjectNode doc = RoutingSet.JSON.createObjectNode();
		doc.putObject("roles").put("small", "Greetings and one-line answers.").put("reasoning", "Analysis and planning.");
		RoutingCatalog noActions = RoutingCatalog.parse(doc);
		RouteDecision d = router.decide(Turn.text("cancel my subscription"), noActions);
		assertThat(d.route()).isIn(Route.SMALL, Route.REASONING);
		assertThat(d.scores()).doesNotContainKey("action");
	}

	@Test
	void should_humanise_action_names() {
		assertThat(Router.humanise("ticketing.create_ticket")).isEqualTo("create ticket (ticketing)");
		assertThat(Router.humanise("getInvoice")).isEqualTo("get invoice");
	}

	/** The shared catalog with some top-level fields replaced. */
	private static RoutingCatalog catalog(Map<String, Object> overrides) {
		try (var in = RouterTest.class.getResourceAsStream("/routing/catalog.json")) {
			ObjectNode doc = (ObjectNode) RoutingSet.JSON.readTree(in);
			overrides.forEach((k, v) -> doc.set(k, RoutingSet.JSON.valueToTree(v)));
			return RoutingCatalog.parse(doc);
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private static TextEmbedder counting(TextEmbedder delegate) {
		return new TextEmbedder() {
			@Override
			public int dimension() {
				return delegate.dimension();
			}

			@Override
			public float[] embed(String text) {
				EMBEDDED.incrementAndGet();
				return delegate.embed(text);
			}

			@Override
			public List<float[]> embedAll(List<String> texts) {
				EMBEDDED.addAndGet(texts.size());
				return delegate.embedAll(texts);
			}
		};
	}
}
