package dev.switchboard.core.model;

import dev.switchboard.sdk.model.TokenUsage;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * What a backend charges, in US dollars per million input and output tokens.
 *
 * @param input  dollars per million input tokens
 * @param output dollars per million output tokens
 */
public record Price(BigDecimal input, BigDecimal output) {

	private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

	/** The price, or null when either half is unknown: a half-known price would report a cost that is too low. */
	public static Price of(BigDecimal input, BigDecimal output) {
		return input == null || output == null ? null : new Price(input, output);
	}

	/** The dollars these tokens cost. */
	public BigDecimal cost(TokenUsage usage) {
		return input.multiply(BigDecimal.valueOf(usage.inputTokens())).add(output.multiply(
				BigDecimal.valueOf(usage.outputTokens()))).divide(MILLION, MathContext.DECIMAL64);
	}
}
