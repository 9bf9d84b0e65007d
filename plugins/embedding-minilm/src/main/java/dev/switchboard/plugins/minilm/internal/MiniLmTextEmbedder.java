package dev.switchboard.plugins.minilm.internal;

import dev.switchboard.sdk.embedding.TextEmbedder;
import java.util.List;

/** A view of the shared model; holds nothing of its own, so closing it leaves the model loaded for the others. */
public final class MiniLmTextEmbedder implements TextEmbedder {

	/** all-MiniLM-L6-v2 always gives 384 components. */
	public static final int DIMENSION = 384;

	private final MiniLmModel model;

	public MiniLmTextEmbedder(MiniLmModel model) {
		this.model = model;
	}

	@Override
	public int dimension() {
		return DIMENSION;
	}

	@Override
	public float[] embed(String text) {
		return model.embed(text);
	}

	@Override
	public List<float[]> embedAll(List<String> texts) {
		return texts.isEmpty() ? List.of() : model.embedAll(texts);
	}
}
