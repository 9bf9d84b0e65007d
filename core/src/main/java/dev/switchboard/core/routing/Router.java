package dev.switchboard.core.routing;

import dev.switchboard.core.routing.RoutingCatalog.ActionEntry;
import dev.switchboard.core.routing.RoutingCatalog.Rule;
import dev.switchboard.sdk.embedding.TextEmbedder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which model role serves a turn, and which action it most likely needs, from signals taken cheapest first:
 * <ol>
 * <li>modality: a turn with an image goes to {@code vision}, always, and nothing else is computed;</li>
 * <li>conversation context: a short confirmation ("yes, do it") right after a decision continues that decision;</li>
 * <li>embeddings: the message's cosine similarity to each role's description and example utterances (built-in
 * generic ones plus the tenant's), and to each action's name, description and examples;</li>
 * <li>when the two best routes are within the catalog's margin, the decision is marked low-confidence and, if the
 * caller supplies a {@link RouterModelHook}, an LLM may settle it;</li>
 * <li>tenant rules override the result, except that nothing overrides the vision route of a turn with an image.</li>
 * </ol>
 *
 * <p>Thread-safe. The embedder's model is loaded on the first decision; the vectors of the built-in examples are
 * computed once, and a catalog's vectors once per distinct catalog content (kept for the last {@value #CACHED_CATALOGS}
 * catalogs). A decision then costs one embedding of the message plus a few hundred dot products.
 */
public final class Router {

	static final int CACHED_CATALOGS = 64;
	/** How many of a role's closest examples are averaged: one stray example cannot decide alone. */
	static final int TOP_K = 3;
	/** Weight of the examples against the role description in a role's score. */
	static final double EXAMPLE_WEIGHT = 0.9;
	/**
	 * A message is compared with an action's own short texts, which score higher than with the example utterances of
	 * a role: this offset puts the two on one scale before the best action counts as evidence for the action route.
	 */
	static final double ACTION_OFFSET = 0.1;
	/**
	 * Length prior: long, multi-clause messages lean to reasoning and short ones to small, by up to this much (the
	 * full amount at {@value #LENGTH_PIVOT} words away from the pivot).
	 */
	static final double LENGTH_WEIGHT = 0.08;
	static final int LENGTH_PIVOT = 10;
	/**
	 * The leading clause is embedded too only when it could matter: the action route is within this of the best other
	 * route, or the best action within this of the runner-up.
	 */
	static final double HEAD_CLAUSE_WINDOW = 0.1;
	/** Softmax temperature that turns score gaps into a confidence. */
	static final double TEMPERATURE = 0.03;
	/** A reply of at most this many words may be a confirmation of the previous turn. */
	static final int CONFIRMATION_MAX_WORDS = 6;

	private final TextEmbedder embedder;
	private final Map<String, CatalogIndex> indexes = new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, CatalogIndex> eldest) {
			return size() > CACHED_CATALOGS;
		}
	};
	private volatile Base base;

	public Router(TextEmbedder embedder) {
		this.embedder = embedder;
	}

	/** Decides a turn without context or LLM fallback. */
	public RouteDecision decide(Turn turn, RoutingCatalog catalog) {
		return decide(turn, catalog, null, null);
	}

	/**
	 * Decides a turn.
	 *
	 * @param previous the decision of the conversation's previous user turn, or null
	 * @param hook     the LLM-as-router for low-confidence decisions, or null for none
	 */
	public RouteDecision decide(Turn turn, RoutingCatalog catalog, RouteDecision previous, RouterModelHook hook) {
		List<String> reasons = new ArrayList<>();
		if (turn.hasImage()) {
			reasons.add("modality: the turn carries an image, so it needs a model with vision");
			return new RouteDecision(Route.VISION, null, 1.0, false, reasons, Map.of());
		}
		CatalogIndex index = index(catalog);
		float[] message = embedder.embed(turn.text());
		Map<String, Double> scores = new LinkedHashMap<>();

		if (previous != null && previous.route() != null && words(turn.text()) <= CONFIRMATION_MAX_WORDS) {
			double confirmation = topMean(message, base().confirmations(), 1);
			scores.put("confirmation", round(confirmation));
			if (confirmation >= catalog.thresholds().confirmation()) {
				reasons.add(String.format(Locale.ROOT, "context: a short reply confirming the previous turn "
						+ "(similarity %.2f ≥ %.2f) continues its route %s", confirmation,
						catalog.thresholds().confirmation(), previous.route().id()));
				return applyRules(turn, catalog, new RouteDecision(previous.route(), previous.action(),
						Math.min(1.0, 0.5 + confirmation / 2), false, reasons, scores));
			}
		}

		Map<Route, Double> routeScores = new EnumMap<>(Route.class);
		double length = Math.max(-1, Math.min(1, (words(turn.text()) - LENGTH_PIVOT) / (double) LENGTH_PIVOT));
		for (Route route : catalog.textRoutes()) {
			double description = dot(message, index.descriptions().get(route));
			double examples = topMean(message, index.examples().get(route), TOP_K);
			double score = EXAMPLE_WEIGHT * examples + (1 - EXAMPLE_WEIGHT) * description + index.bias().get(route);
			if (route == Route.REASONING) {
				score += LENGTH_WEIGHT * length;
			} else if (route == Route.SMALL) {
				score -= LENGTH_WEIGHT * length / 2;
			}
			routeScores.put(route, score);
			scores.put(route.id(), round(score));
		}
		// Actions are matched against the message without quoted material, then, only when the action route is
		// in contention (the costly part: one more embedding), against its leading command clause too.
		String unquoted = QUOTED.matcher(turn.text()).replaceAll("…").trim();
		float[] actionView = unquoted.equals(turn.text().trim()) ? message : embedder.embed(unquoted);
		double[] actionScores = new double[index.actions().size()];
		java.util.Arrays.fill(actionScores, -1);
		matchActions(index, actionView, actionScores);
		double roleOnlyAction = routeScores.getOrDefault(Route.ACTION, 0.0);
		ActionScore bestAction = mergeBestAction(index, actionScores, routeScores, roleOnlyAction);
		String head = headClause(unquoted);
		if (head != null && bestAction != null && routeScores.containsKey(Route.ACTION)
				&& inContention(routeScores, actionScores, bestAction.score())) {
			matchActions(index, embedder.embed(head), actionScores);
			bestAction = mergeBestAction(index, actionScores, routeScores, roleOnlyAction);
		}
		List<ActionScore> actions = new ArrayList<>();
		for (int i = 0; i < actionScores.length; i++) {
			actions.add(new ActionScore(index.actions().get(i).name(), actionScores[i]));
		}
		actions.sort(Comparator.comparingDouble(ActionScore::score).reversed());
		for (ActionScore a : actions.subList(0, Math.min(3, actions.size()))) {
			scores.put("action:" + a.name(), round(a.score()));
		}
		if (routeScores.containsKey(Route.ACTION)) {
			scores.put(Route.ACTION.id(), round(routeScores.get(Route.ACTION)));
		}

		List<Map.Entry<Route, Double>> ranked = new ArrayList<>(routeScores.entrySet());
		ranked.sort(Map.Entry.<Route, Double>comparingByValue().reversed());
		Route route = ranked.get(0).getKey();
		double top = ranked.get(0).getValue();
		double second = ranked.get(1).getValue();
		double confidence = softmaxTop(ranked);
		boolean low = top - second < catalog.thresholds().margin();
		reasons.add(String.format(Locale.ROOT, "embeddings: closest to %s (%.2f) ahead of %s (%.2f)", route.id(), top,
				ranked.get(1).getKey().id(), second));

		String action = null;
		if (route == Route.ACTION && bestAction != null) { // an action route implies the catalog has actions
			if (bestAction.score() >= catalog.thresholds().action()) {
				action = bestAction.name();
				reasons.add(String.format(Locale.ROOT, "embeddings: most likely action %s (%.2f)", action,
						bestAction.score()));
			} else {
				reasons.add(String.format(Locale.ROOT, "embeddings: no action is close enough (best %s %.2f < %.2f); "
						+ "the action model chooses", bestAction.name(), bestAction.score(), catalog.thresholds().action()));
			}
		}
		if (low) {
			reasons.add(String.format(Locale.ROOT, "low confidence: the two best routes are within %.2f",
					catalog.thresholds().margin()));
		}
		RouteDecision decision = new RouteDecision(route, action, confidence, low, reasons, scores);
		if (low && hook != null) {
			decision = askModel(turn, catalog, decision, hook);
		}
		return applyRules(turn, catalog, decision);
	}

	/**
	 * Whether the leading clause could change the outcome: the action route is close to the best route without
	 * clearly winning, or it wins but its best action is close to the runner-up.
	 */
	private static boolean inContention(Map<Route, Double> routeScores, double[] actionScores, double bestAction) {
		double action = routeScores.get(Route.ACTION);
		double otherBest = routeScores.entrySet().stream().filter(e -> e.getKey() != Route.ACTION)
				.mapToDouble(Map.Entry::getValue).max().orElse(-1);
		if (Math.abs(action - otherBest) < HEAD_CLAUSE_WINDOW) {
			return true;
		}
		if (action < otherBest) {
			return false;
		}
		double runnerUp = -1;
		boolean skipped = false;
		for (double score : actionScores) {
			if (!skipped && score == bestAction) {
				skipped = true;
			} else {
				runnerUp = Math.max(runnerUp, score);
			}
		}
		return bestAction - runnerUp < HEAD_CLAUSE_WINDOW;
	}

	/** Raises each action's score to its similarity with this view of the message, where higher. */
	private static void matchActions(CatalogIndex index, float[] view, double[] actionScores) {
		for (int i = 0; i < actionScores.length; i++) {
			actionScores[i] = Math.max(actionScores[i], topMean(view, index.actions().get(i).vectors(), 1));
		}
	}

	/**
	 * The best action, whose similarity also counts as evidence for the action route itself (on the role scores'
	 * scale, see {@link #ACTION_OFFSET}).
	 */
	private static ActionScore mergeBestAction(CatalogIndex index, double[] actionScores, Map<Route, Double> routeScores,
			double roleOnlyAction) {
		int best = -1;
		for (int i = 0; i < actionScores.length; i++) {
			if (best < 0 || actionScores[i] > actionScores[best]) {
				best = i;
			}
		}
		if (best < 0) {
			return null;
		}
		if (routeScores.containsKey(Route.ACTION)) {
			routeScores.put(Route.ACTION, Math.max(roleOnlyAction,
					actionScores[best] - ACTION_OFFSET + index.bias().get(Route.ACTION)));
		}
		return new ActionScore(index.actions().get(best).name(), actionScores[best]);
	}

	/**
	 * A leading command clause ("please open a ticket: …", "feature request: …") of 2 to 8 words, matched on its own
	 * so a long detail cannot drown it; quoted text ("translate 'your invoice is ready'") is material to work on, not
	 * the request, and is left out before.
	 */
	static String headClause(String unquoted) {
		java.util.regex.Matcher head = HEAD_CLAUSE.matcher(unquoted);
		if (head.find()) {
			int w = words(head.group(1));
			if (w >= 2 && w <= 8 && words(unquoted) > w + 2) {
				return head.group(1);
			}
		}
		return null;
	}

	private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern
			.compile("'[^']{2,}'|\"[^\"]{2,}\"|“[^”]{2,}”|‘[^’]{2,}’|«[^»]{2,}»");
	private static final java.util.regex.Pattern HEAD_CLAUSE = java.util.regex.Pattern.compile("^([^:;,.!?]+)[:;,.!?]");

	/** The vectors of a catalog, computed on first use and cached by content. */
	CatalogIndex index(RoutingCatalog catalog) {
		String key = contentHash(catalog);
		synchronized (indexes) {
			CatalogIndex cached = indexes.get(key);
			if (cached != null) {
				return cached;
			}
		}
		CatalogIndex built = build(catalog);
		synchronized (indexes) {
			return indexes.computeIfAbsent(key, k -> built);
		}
	}

	/** How many catalogs' vectors are cached now. */
	int cachedCatalogs() {
		synchronized (indexes) {
			return indexes.size();
		}
	}

	private RouteDecision askModel(Turn turn, RoutingCatalog catalog, RouteDecision tentative, RouterModelHook hook) {
		Optional<RouterModelHook.Verdict> verdict;
		try {
			verdict = hook.decide(turn, catalog, tentative);
		} catch (RuntimeException e) {
			verdict = Optional.empty();
		}
		List<String> reasons = new ArrayList<>(tentative.reasons());
		if (verdict.isEmpty() || verdict.get().route() == null || verdict.get().route() == Route.VISION) {
			reasons.add("llm router: no usable answer; the embedding decision stands");
			return new RouteDecision(tentative.route(), tentative.action(), tentative.confidence(), true, reasons,
					tentative.scores());
		}
		RouterModelHook.Verdict v = verdict.get();
		String action = v.route() == Route.ACTION && v.action() != null && catalog.action(v.action()) != null
				? v.action()
				: v.route() == Route.ACTION ? tentative.action() : null;
		reasons.add("llm router: chose " + v.route().id() + (action == null ? "" : " (" + action + ")")
				+ (v.explanation() == null ? "" : ": " + v.explanation()));
		return new RouteDecision(v.route(), action, tentative.confidence(), false, reasons, tentative.scores());
	}

	private static RouteDecision applyRules(Turn turn, RoutingCatalog catalog, RouteDecision decision) {
		for (Rule rule : catalog.rules()) {
			if (rule.matches(turn, decision.route())) {
				List<String> reasons = new ArrayList<>(decision.reasons());
				reasons.add("tenant rule: " + rule.describe());
				String action = rule.route() != Route.ACTION ? null
						: rule.action() != null ? rule.action() : decision.action();
				return new RouteDecision(rule.route(), action, 1.0, false, reasons, decision.scores());
			}
		}
		return decision;
	}

	private Base base() {
		Base b = base;
		if (b == null) {
			synchronized (this) {
				b = base;
				if (b == null) {
					Map<Route, float[][]> examples = new EnumMap<>(Route.class);
					BuiltInExamples.BY_ROUTE.forEach((route, texts) -> examples.put(route, matrix(texts)));
					base = b = new Base(examples, matrix(BuiltInExamples.CONFIRMATIONS));
				}
			}
		}
		return b;
	}

	private CatalogIndex build(RoutingCatalog catalog) {
		Base b = base();
		Map<Route, float[]> descriptions = new EnumMap<>(Route.class);
		Map<Route, float[][]> examples = new EnumMap<>(Route.class);
		Map<Route, Double> bias = new EnumMap<>(Route.class);
		for (Route route : catalog.textRoutes()) {
			RoutingCatalog.RoleSpec spec = catalog.roles().get(route);
			descriptions.put(route, embedder.embed(spec.description()));
			float[][] builtIn = b.examples().get(route);
			float[][] own = matrix(spec.examples());
			float[][] all = new float[builtIn.length + own.length][];
			System.arraycopy(builtIn, 0, all, 0, builtIn.length);
			System.arraycopy(own, 0, all, builtIn.length, own.length);
			examples.put(route, all);
			bias.put(route, spec.bias());
		}
		List<ActionVectors> actions = new ArrayList<>();
		for (ActionEntry action : catalog.actions()) {
			actions.add(new ActionVectors(action.name(), matrix(actionTexts(action))));
		}
		return new CatalogIndex(descriptions, examples, bias, actions);
	}

	/** What an action is matched against: its name in words, its description, both together, and its examples. */
	static List<String> actionTexts(ActionEntry action) {
		String words = humanise(action.name());
		List<String> texts = new ArrayList<>(List.of(words, action.description(), words + ": " + action.description()));
		texts.addAll(action.examples());
		return texts;
	}

	/** {@code ticketing.create_ticket} → {@code create ticket (ticketing)}. */
	static String humanise(String name) {
		int dot = name.lastIndexOf('.');
		String verb = (dot >= 0 ? name.substring(dot + 1) : name).replaceAll("[_\\-]+", " ")
				.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).trim();
		String system = dot > 0 ? name.substring(0, dot).replaceAll("[._\\-]+", " ").trim() : "";
		return system.isEmpty() ? verb : verb + " (" + system + ")";
	}

	static String contentHash(RoutingCatalog catalog) {
		StringBuilder text = new StringBuilder();
		for (Route route : catalog.textRoutes()) {
			RoutingCatalog.RoleSpec spec = catalog.roles().get(route);
			text.append(route.id()).append('\u0000').append(spec.description()).append('\u0000').append(spec.bias());
			spec.examples().forEach(e -> text.append('\u0001').append(e));
			text.append('\u0002');
		}
		for (ActionEntry action : catalog.actions()) {
			actionTexts(action).forEach(t -> text.append(action.name()).append('\u0001').append(t));
			text.append('\u0002');
		}
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
					.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private float[][] matrix(List<String> texts) {
		return texts.isEmpty() ? new float[0][] : embedder.embedAll(texts).toArray(float[][]::new);
	}

	static double topMean(float[] v, float[][] rows, int k) {
		if (rows.length == 0) {
			return 0;
		}
		int n = Math.min(k, rows.length);
		double[] best = new double[n];
		java.util.Arrays.fill(best, -2);
		for (float[] row : rows) {
			double s = dot(v, row);
			if (s > best[n - 1]) {
				int i = n - 1;
				while (i > 0 && best[i - 1] < s) {
					best[i] = best[i - 1];
					i--;
				}
				best[i] = s;
			}
		}
		double sum = 0;
		for (double b : best) {
			sum += b;
		}
		return sum / n;
	}

	static double dot(float[] a, float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			s += a[i] * b[i];
		}
		return s;
	}

	private static double softmaxTop(List<Map.Entry<Route, Double>> ranked) {
		double top = ranked.get(0).getValue();
		double sum = 0;
		for (Map.Entry<Route, Double> e : ranked) {
			sum += Math.exp((e.getValue() - top) / TEMPERATURE);
		}
		return round(1 / sum);
	}

	static int words(String text) {
		String t = text.trim();
		return t.isEmpty() ? 0 : t.split("\\s+").length;
	}

	private static double round(double v) {
		return Math.round(v * 1000) / 1000.0;
	}

	private record Base(Map<Route, float[][]> examples, float[][] confirmations) {
	}

	record CatalogIndex(Map<Route, float[]> descriptions, Map<Route, float[][]> examples, Map<Route, Double> bias,
			List<ActionVectors> actions) {
	}

	record ActionVectors(String name, float[][] vectors) {
	}

	private record ActionScore(String name, double score) {
	}
}
