package dev.switchboard.core.routing;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.switchboard.sdk.embedding.TextEmbedder;
import java.util.List;

/**
 * all-MiniLM-L6-v2 straight from LangChain4j, as the embedding-minilm plugin runs it (normalised vectors), so router
 * tests run without the plugin jar and without Quarkus. One model per test JVM.
 */
final class MiniLm implements TextEmbedder {

	private static final MiniLm INSTANCE = new MiniLm();
	private volatile AllMiniLmL6V2EmbeddingModel model;

	static MiniLm shared() {
		return INSTANCE;
	}

	private AllMiniLmL6V2EmbeddingModel model() {
		if (model == null) {
			synchronized (this) {
				if (model == null) {
					model = new AllMiniLmL6V2EmbeddingModel(Runnable::run);
				}
			}
		}
		return model;
	}

	@Override
	public int dimension() {
		return 384;
	}

	@Override
	public float[] embed(String text) {
		return normalised(model().embed(text.isBlank() ? "." : text).content().vector());
	}

	@Override
	public List<float[]> embedAll(List<String> texts) {
		return model().embedAll(texts.stream().map(t -> TextSegment.from(t.isBlank() ? "." : t)).toList()).content()
				.stream().map(e -> normalised(e.vector())).toList();
	}

	private static float[] normalised(float[] v) {
		double sum = 0;
		for (float x : v) {
			sum += x * x;
		}
		float norm = (float) Math.sqrt(sum);
		for (int i = 0; i < v.length; i++) {
			v[i] /= norm;
		}
		return v;
	}
}
