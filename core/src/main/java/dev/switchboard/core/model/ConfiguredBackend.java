package dev.switchboard.core.model;

import dev.switchboard.sdk.model.ModelBackend;
import dev.switchboard.sdk.model.ModelInfo;

/**
 * A live backend instance of a tenant.
 *
 * @param name      the backend's name within the tenant
 * @param factoryId the plugin factory that created it
 * @param backend   the instance
 * @param info      its model, capabilities and context window
 * @param source    {@code environment}, {@code ollama-detected} or {@code api}
 * @param price     what it charges, or null when not configured
 */
public record ConfiguredBackend(String name, String factoryId, ModelBackend backend, ModelInfo info, String source,
		Price price) {
}
