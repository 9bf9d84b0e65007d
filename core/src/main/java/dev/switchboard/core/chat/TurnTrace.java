package dev.switchboard.core.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.switchboard.core.routing.RouteDecision;
import dev.switchboard.core.routing.TurnRouter.RoutedTurn;
import dev.switchboard.core.usage.MeteredCall;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why an assistant message was answered the way it was, stored with it: the routing decision (role, action, signals,
 * scores, reasons), the backend that answered and those that failed before it, every model call of the turn (the
 * router's, delegations', the answer's) and the tokens and cost in total.
 *
 * @param route         the role chosen, or null when the tenant has nothing to choose between
 * @param action        the most likely action for an action turn
 * @param confidence    0..1
 * @param lowConfidence the two best routes were close
 * @param reasons       the signals that decided, in words
 * @param scores        similarity per route and best actions
 * @param routingMicros how long deciding took
 * @param backend       the backend that answered, or null when none did
 * @param model         the model that answered
 * @param fallbacks     backends that failed before their first token, in order
 * @param calls         every model call of the turn
 * @param inputTokens   input tokens of all calls
 * @param outputTokens  output tokens of all calls
 * @param cost          US dollars of all calls; null when a call's backend has no price
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TurnTrace(String route, String action, double confidence, boolean lowConfidence, List<String> reasons,
		Map<String, Double> scores, long routingMicros, String backend, String model, List<ChatRunner.Fallback> fallbacks,
		List<MeteredCall> calls, long inputTokens, long outputTokens, BigDecimal cost) {

	static TurnTrace of(RoutedTurn routed, String backend, String model, List<ChatRunner.Fallback> fallbacks,
			List<MeteredCall> calls) {
		RouteDecision d = routed.decision();
		return new TurnTrace(d.route() == null ? null : d.route().id(), d.action(), d.confidence(), d.lowConfidence(),
				d.reasons(), d.scores(), routed.micros(), backend, model, List.copyOf(fallbacks), List.copyOf(calls),
				calls.stream().mapToLong(MeteredCall::inputTokens).sum(),
				calls.stream().mapToLong(MeteredCall::outputTokens).sum(), totalCost(calls));
	}

	/** The sum, or null when any call has no price: a partial sum would understate the cost. */
	static BigDecimal totalCost(List<MeteredCall> calls) {
		return calls.stream().anyMatch(c -> c.cost() == null) ? null
				: calls.stream().map(MeteredCall::cost).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
	}
}
