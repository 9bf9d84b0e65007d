package dev.switchboard.core.routing;

import java.util.Optional;

/**
 * LLM-as-router: asked only when the cheap signals are not confident ({@link RouteDecision#lowConfidence()}) and only
 * when the caller supplies one, typically backed by the tenant's small model. Implementations build a short prompt
 * from the catalog's role and action descriptions and the tentative decision's two best routes, and must be fast and
 * bounded by a timeout; they run on the caller's thread.
 */
@FunctionalInterface
public interface RouterModelHook {

	/**
	 * The route (and action) the model picks, or empty to keep the tentative decision (the model failed, timed out or
	 * answered something that is not a route).
	 */
	Optional<Verdict> decide(Turn turn, RoutingCatalog catalog, RouteDecision tentative);

	/** What the model chose, with its own one-line explanation. */
	record Verdict(Route route, String action, String explanation) {
	}
}
