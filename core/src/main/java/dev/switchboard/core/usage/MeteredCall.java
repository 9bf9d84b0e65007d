package dev.switchboard.core.usage;

import dev.switchboard.core.model.ConfiguredBackend;
import dev.switchboard.sdk.model.TokenUsage;
import java.math.BigDecimal;

/**
 * One model call made for a turn, as it is shown in the turn's trace and counted in usage.
 *
 * @param purpose      why it was made: {@code answer}, {@code router}, {@code delegate_vision}, {@code delegate_small}
 * @param backend      the backend's name
 * @param model        the model that answered
 * @param inputTokens  input tokens
 * @param outputTokens output tokens
 * @param cost         US dollars, or null when the backend has no price
 */
public record MeteredCall(String purpose, String backend, String model, long inputTokens, long outputTokens,
		BigDecimal cost) {

	/** A call to the backend that used these tokens. */
	public static MeteredCall of(String purpose, ConfiguredBackend backend, String model, TokenUsage usage) {
		return new MeteredCall(purpose, backend.name(), model != null ? model : backend.info().model(),
				usage.inputTokens(), usage.outputTokens(), backend.price() == null ? null : backend.price().cost(usage));
	}

	/** The usage as the SDK counts it. */
	public TokenUsage usage() {
		return new TokenUsage(inputTokens, outputTokens);
	}
}
