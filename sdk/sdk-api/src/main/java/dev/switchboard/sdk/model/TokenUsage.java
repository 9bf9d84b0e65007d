package dev.switchboard.sdk.model;

/**
 * Tokens a call consumed, as the upstream reported them.
 *
 * @param inputTokens  prompt tokens
 * @param outputTokens completion tokens
 */
public record TokenUsage(long inputTokens, long outputTokens) {

	/** Usage of a call whose upstream reported none. */
	public static final TokenUsage UNKNOWN = new TokenUsage(0, 0);

	public long totalTokens() {
		return inputTokens + outputTokens;
	}

	public TokenUsage plus(TokenUsage other) {
		return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
	}
}
