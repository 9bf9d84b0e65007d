package dev.switchboard.sdk.embedding;

import java.util.List;

/**
 * Turns text into a dense vector, so that texts of similar meaning get vectors with a high cosine similarity.
 *
 * <p>Contract: every vector returned has {@link #dimension()} components and unit length (L2-normalised), so the dot
 * product of two vectors is their cosine similarity. The same text always gives the same vector within one process.
 * Texts longer than the model's window are truncated, never rejected; an empty text gives a valid vector.
 *
 * <p>Threading: instances are thread-safe and may be shared by concurrent turns. {@link #embed} blocks on CPU for a
 * few milliseconds and may block much longer on the very first call while the model loads; the host calls it off
 * its event loop.
 *
 * <p>Lifecycle: created by {@link TextEmbedderFactory#create()}. {@link #close()} releases what this instance holds;
 * a model shared with other instances of the same factory stays loaded. Calling {@code embed} after {@code close} is
 * undefined.
 */
public interface TextEmbedder extends AutoCloseable {

	/** The number of components of every vector, e.g. 384; may load the model. */
	int dimension();

	/**
	 * The unit-length embedding of one text.
	 *
	 * @throws dev.switchboard.sdk.error.PluginException if the model cannot be loaded or run
	 */
	float[] embed(String text);

	/**
	 * The embeddings of several texts, in the same order; at least as fast as calling {@link #embed} for each. The
	 * default calls {@link #embed} for each text; implementations may batch.
	 */
	default List<float[]> embedAll(List<String> texts) {
		return texts.stream().map(this::embed).toList();
	}

	/** Releases what this instance holds. The default holds nothing. */
	@Override
	default void close() {
	}
}
