package dev.switchboard.sdk.embedding;

import org.pf4j.ExtensionPoint;

/**
 * The entry point of a sentence-embedding plugin, discovered by PF4J ({@code @Extension}). The host uses embeddings
 * for in-process signals such as the router's, which scores a message against role and action descriptions.
 *
 * <p>Threading: stateless and long-lived; the host keeps one per loaded plugin and may call it from any thread.
 * Lifecycle: {@link #create()} is cheap to call but the instances it returns may share one heavyweight model, loaded
 * lazily on first use and kept for the life of the process (or of the plugin); the factory itself holds nothing to
 * release.
 */
public interface TextEmbedderFactory extends ExtensionPoint {

	/** Stable kebab-case id, e.g. {@code all-minilm-l6-v2}; unique among embedder factories. */
	String id();

	/** Human name for the admin console, e.g. {@code all-MiniLM-L6-v2 (ONNX, in-process)}. */
	String title();

	/**
	 * An embedder. Must not load the model or call the network here; the first {@link TextEmbedder#embed} or
	 * {@link TextEmbedder#dimension()} call may.
	 */
	TextEmbedder create();
}
