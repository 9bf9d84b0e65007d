package dev.switchboard.core.routing;

import java.util.List;
import java.util.Map;

/**
 * Where a turn goes and why.
 *
 * @param route         the role chosen; null when the tenant has nothing to choose between (no role map, no actions)
 * @param action        for {@link Route#ACTION}, the most likely action of the catalog, or null when none is close
 * @param confidence    0..1; how clearly the winning route beat the others
 * @param lowConfidence the two best routes were within the catalog's margin
 * @param reasons       the signals that decided, cheapest first, in words
 * @param scores        the similarity of each route and of the best actions ({@code action:<name>}), for audit
 */
public record RouteDecision(Route route, String action, double confidence, boolean lowConfidence, List<String> reasons,
		Map<String, Double> scores) {

	public RouteDecision {
		reasons = List.copyOf(reasons);
		scores = Map.copyOf(scores);
	}

	/** A decision made elsewhere (a previous turn, a stored run) used as the context of the next one. */
	public static RouteDecision previous(Route route, String action) {
		return new RouteDecision(route, action, 1.0, false, List.of(), Map.of());
	}
}
