package dev.switchboard.plugins.minilm.internal;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * all-MiniLM-L6-v2 from the files LangChain4j ships, in an ONNX session whose threading we choose: LangChain4j's own
 * class uses ONNX Runtime's defaults (one spinning worker per core), which on a small machine shared with the app's
 * other work makes the slowest embeddings several times slower than the typical one.
 */
final class TunedMiniLm extends AbstractInProcessEmbeddingModel {

	static final String MODEL = "all-minilm-l6-v2.onnx";
	static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

	private final OnnxBertBiEncoder encoder;

	private TunedMiniLm(OnnxBertBiEncoder encoder) {
		super(Runnable::run);
		this.encoder = encoder;
	}

	/**
	 * @param threads ONNX Runtime intra-op threads for one embedding; 0 for its default (one per core)
	 * @param spin    whether idle workers spin (lower latency on an idle machine, worse tails on a busy one)
	 */
	static TunedMiniLm load(int threads, boolean spin) {
		ClassLoader loader = TunedMiniLm.class.getClassLoader();
		try (InputStream model = loader.getResourceAsStream(MODEL); InputStream tokenizer = loader.getResourceAsStream(TOKENIZER)) {
			if (model == null || tokenizer == null) {
				throw new IllegalStateException("the model files are missing from the plugin jar");
			}
			OrtEnvironment environment = OrtEnvironment.getEnvironment();
			OrtSession.SessionOptions options = new OrtSession.SessionOptions();
			if (threads > 0) {
				options.setIntraOpNumThreads(threads);
			}
			options.addConfigEntry("session.intra_op.allow_spinning", spin ? "1" : "0");
			OrtSession session = environment.createSession(model.readAllBytes(), options);
			return new TunedMiniLm(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (OrtException e) {
			throw new IllegalStateException("ONNX Runtime refused the model: " + e.getMessage(), e);
		}
	}

	@Override
	protected OnnxBertBiEncoder model() {
		return encoder;
	}

	@Override
	protected Integer knownDimension() {
		return MiniLmTextEmbedder.DIMENSION;
	}
}
