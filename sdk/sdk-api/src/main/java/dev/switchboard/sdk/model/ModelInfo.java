package dev.switchboard.sdk.model;

import java.util.Objects;
import java.util.Set;

/**
 * What a configured backend serves.
 *
 * @param model         the upstream model name, e.g. {@code gpt-4o-mini}
 * @param capabilities  what it can do
 * @param contextWindow the largest number of tokens a call may carry, input and output together
 */
public record ModelInfo(String model, Set<Capability> capabilities, int contextWindow) {

	public ModelInfo {
		Objects.requireNonNull(model, "model");
		capabilities = Set.copyOf(capabilities);
		if (contextWindow <= 0) {
			throw new IllegalArgumentException("contextWindow must be positive");
		}
	}

	/** Whether the backend declares that capability. */
	public boolean can(Capability capability) {
		return capabilities.contains(capability);
	}
}
