package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The router against labelled turns: the shared dev set, which gates (route accuracy ≥ 95 %, every image turn to
 * vision, ≥ 95 % of action turns to action, exact action ≥ 90 %), and a held-out set written separately in other
 * words, which is only reported: the router is never tuned to it.
 */
class RoutingAccuracyTest {

	private static Router router;
	private static RoutingCatalog catalog;

	@BeforeAll
	static void setUp() {
		router = new Router(MiniLm.shared());
		catalog = RoutingSet.catalog("/routing/catalog.json");
	}

	@Test
	void should_route_the_dev_set_within_targets() {
		Report report = run("dev", RoutingSet.load("/routing/dev.jsonl"));
		assertThat(report.imageTurnsToVision).as("image turns routed to vision").isEqualTo(report.imageTurns);
		assertThat(report.routeAccuracy()).as("route accuracy").isGreaterThanOrEqualTo(0.95);
		assertThat(report.actionRecall()).as("action turns routed to action").isGreaterThanOrEqualTo(0.95);
		assertThat(report.exactAction()).as("exact action name").isGreaterThanOrEqualTo(0.90);
	}

	@Test
	void should_report_the_held_out_set() {
		Report report = run("held-out", RoutingSet.load("/routing/heldout.jsonl"));
		assertThat(report.imageTurnsToVision).as("image turns routed to vision").isEqualTo(report.imageTurns);
	}

	private static Report run(String name, RoutingSet set) {
		Report report = new Report();
		List<String> misses = new ArrayList<>();
		for (RoutingSet.Case c : set.cases()) {
			RouteDecision d = router.decide(c.turn(), catalog);
			report.add(c, d);
			boolean routeOk = d.route() == c.route();
			boolean actionOk = c.action() == null || c.action().equals(d.action());
			if (!routeOk || !actionOk) {
				misses.add(String.format(Locale.ROOT, "  MISS %-9s→ %-9s %-30s %s  %s", c.route().id(), d.route().id(),
						d.action(), c.turn().text(), d.scores()));
			}
		}
		System.out.printf(Locale.ROOT, "%n[routing %s] %d turns: route accuracy %.1f%%, image→vision %d/%d, action turns→action "
				+ "%.1f%%, exact action %.1f%%%n", name, report.total, 100 * report.routeAccuracy(), report.imageTurnsToVision,
				report.imageTurns, 100 * report.actionRecall(), 100 * report.exactAction());
		System.out.println(report.confusion());
		misses.forEach(System.out::println);
		return report;
	}

	static final class Report {
		final Map<Route, Map<Route, Integer>> matrix = new EnumMap<>(Route.class);
		int total, correct, imageTurns, imageTurnsToVision, actionTurns, actionTurnsToAction, exactActions;

		void add(RoutingSet.Case c, RouteDecision d) {
			total++;
			matrix.computeIfAbsent(c.route(), r -> new EnumMap<>(Route.class)).merge(d.route(), 1, Integer::sum);
			if (d.route() == c.route()) {
				correct++;
			}
			if (c.turn().hasImage()) {
				imageTurns++;
				if (d.route() == Route.VISION) {
					imageTurnsToVision++;
				}
			}
			if (c.route() == Route.ACTION) {
				actionTurns++;
				if (d.route() == Route.ACTION) {
					actionTurnsToAction++;
				}
				if (c.action() != null && c.action().equals(d.action())) {
					exactActions++;
				}
			}
		}

		double routeAccuracy() {
			return (double) correct / total;
		}

		double actionRecall() {
			return actionTurns == 0 ? 1 : (double) actionTurnsToAction / actionTurns;
		}

		double exactAction() {
			return actionTurns == 0 ? 1 : (double) exactActions / actionTurns;
		}

		String confusion() {
			StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-12s", "expected\\got"));
			for (Route r : Route.values()) {
				sb.append(String.format(Locale.ROOT, "%10s", r.id()));
			}
			for (Route expected : Route.values()) {
				sb.append(String.format(Locale.ROOT, "%n  %-12s", expected.id()));
				for (Route got : Route.values()) {
					sb.append(String.format(Locale.ROOT, "%10d", matrix.getOrDefault(expected, Map.of()).getOrDefault(got, 0)));
				}
			}
			return sb.toString();
		}
	}
}
