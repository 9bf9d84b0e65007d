package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.model.ConfiguredBackend;
import dev.switchboard.core.model.ModelBackends;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.usage.MeteredCall;
import dev.switchboard.sdk.model.ChatCall;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Routes a live turn: decides its role under the tenant's settings and the actions it enabled, then picks the role's
 * backends able to serve it. Blocking; runs on the run's virtual thread.
 */
@ApplicationScoped
public class TurnRouter {

	private final TenantRouting routing;
	private final RouterService router;
	private final ModelBackends backends;
	private final ObjectMapper mapper;
	private final Duration llmRouterTimeout;

	public TurnRouter(TenantRouting routing, RouterService router, ModelBackends backends, ObjectMapper mapper,
			@ConfigProperty(name = "switchboard.routing.llm-router-timeout", defaultValue = "5s") Duration llmRouterTimeout) {
		this.routing = routing;
		this.router = router;
		this.backends = backends;
		this.mapper = mapper;
		this.llmRouterTimeout = llmRouterTimeout;
	}

	/**
	 * Where a turn goes.
	 *
	 * @param decision   the role and why; its route is null when the tenant has neither a role map nor actions, so
	 *                   there is nothing to choose between
	 * @param candidates the backends to try, in order
	 * @param calls      model calls made to decide (the LLM router), for the trace and usage
	 * @param micros     how long deciding took
	 */
	public record RoutedTurn(RouteDecision decision, List<ConfiguredBackend> candidates, List<MeteredCall> calls,
			long micros) {
	}

	/**
	 * Routes a turn.
	 *
	 * @param previous the previous assistant message's decision in this conversation, or null
	 * @param actions  the actions enabled for the tenant, which make the {@code action} role possible
	 * @throws ProblemException when no backend can serve the turn
	 */
	public RoutedTurn route(String tenantId, ChatCall call, Turn turn, RouteDecision previous,
			List<RoutingCatalog.ActionEntry> actions) {
		long start = System.nanoTime();
		RoutingSettings settings = ReactiveCalls.await(() -> routing.forTenant(tenantId));
		List<ConfiguredBackend> live = ReactiveCalls.await(() -> backends.forTenant(tenantId));
		List<MeteredCall> calls = new ArrayList<>();
		RouteDecision decision;
		if (turn.hasImage()) {
			decision = new RouteDecision(Route.VISION, null, 1.0, false,
					List.of("modality: the turn carries an image, so it needs a model with vision"), Map.of());
		} else if (!settings.mapsRoles() && actions.isEmpty()) {
			decision = new RouteDecision(null, null, 1.0, false, List.of("the tenant maps no roles and enables no "
					+ "actions: every turn goes to its backends in order (PUT /api/v1/admin/routing maps roles)"), Map.of());
		} else if (!router.available()) {
			decision = new RouteDecision(Route.REASONING, null, 0.0, false, List.of("router unavailable: no embedding "
					+ "plugin is loaded, so text turns go to the reasoning role"), Map.of());
		} else {
			RoutingCatalog catalog = settings.catalog().withActions(actions);
			SmallModelRouter hook = settings.llmRouter() ? smallRouter(tenantId, settings, live) : null;
			decision = router.decide(turn, catalog, previous, hook);
			if (hook != null) {
				calls.addAll(hook.calls());
			}
		}
		List<String> named = decision.route() == null ? List.of() : liveNames(settings.backendsOf(decision.route()), live);
		if (decision.route() != null && named.isEmpty()) {
			decision = withReason(decision, settings.backendsOf(decision.route()).isEmpty()
					? "role " + decision.route().id() + " is not mapped: its backends are all of the tenant's, in order"
					: "none of role " + decision.route().id() + "'s backends " + settings.backendsOf(decision.route())
							+ " is live: using all of the tenant's backends, in order");
		}
		List<ConfiguredBackend> candidates = ReactiveCalls.await(() -> backends.candidates(tenantId, call, named));
		return new RoutedTurn(decision, candidates, calls, (System.nanoTime() - start) / 1000);
	}

	/**
	 * Routes the continuation of a turn (after the user decided on a proposed action, or a client-side tool answered):
	 * the route of the turn it continues, without deciding again.
	 *
	 * @param continued the decision of the continued turn; null when that turn had no route
	 */
	public RoutedTurn resume(String tenantId, ChatCall call, RouteDecision continued, String reason) {
		long start = System.nanoTime();
		RoutingSettings settings = ReactiveCalls.await(() -> routing.forTenant(tenantId));
		List<ConfiguredBackend> live = ReactiveCalls.await(() -> backends.forTenant(tenantId));
		Route route = continued == null ? null : continued.route();
		RouteDecision decision = new RouteDecision(route, continued == null ? null : continued.action(), 1.0, false,
				List.of(reason), Map.of());
		List<String> named = route == null ? List.of() : liveNames(settings.backendsOf(route), live);
		List<ConfiguredBackend> candidates = ReactiveCalls.await(() -> backends.candidates(tenantId, call, named));
		return new RoutedTurn(decision, candidates, List.of(), (System.nanoTime() - start) / 1000);
	}

	private SmallModelRouter smallRouter(String tenantId, RoutingSettings settings, List<ConfiguredBackend> live) {
		List<String> small = liveNames(settings.backendsOf(Route.SMALL), live);
		return small.isEmpty() ? null
				: new SmallModelRouter(live.stream().filter(b -> b.name().equals(small.get(0))).findFirst().orElseThrow(),
						tenantId, llmRouterTimeout, mapper);
	}

	private static List<String> liveNames(List<String> names, List<ConfiguredBackend> live) {
		Set<String> liveNames = live.stream().map(ConfiguredBackend::name).collect(Collectors.toSet());
		return names.stream().filter(liveNames::contains).toList();
	}

	private static RouteDecision withReason(RouteDecision d, String reason) {
		List<String> reasons = new ArrayList<>(d.reasons());
		reasons.add(reason);
		return new RouteDecision(d.route(), d.action(), d.confidence(), d.lowConfidence(), reasons, d.scores());
	}
}
