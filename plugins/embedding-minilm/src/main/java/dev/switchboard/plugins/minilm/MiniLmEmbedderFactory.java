package dev.switchboard.plugins.minilm;

import dev.switchboard.plugins.minilm.internal.MiniLmModel;
import dev.switchboard.plugins.minilm.internal.MiniLmTextEmbedder;
import dev.switchboard.sdk.embedding.TextEmbedder;
import dev.switchboard.sdk.embedding.TextEmbedderFactory;
import org.pf4j.Extension;

/**
 * all-MiniLM-L6-v2 sentence embeddings (384 dimensions, English-centred), run in process by ONNX Runtime. The model
 * ships inside the plugin jar; it is loaded once per plugin class loader, on the first embedding, and shared by every
 * embedder this factory creates.
 */
@Extension
public class MiniLmEmbedderFactory implements TextEmbedderFactory {

	public static final String ID = "all-minilm-l6-v2";

	@Override
	public String id() {
		return ID;
	}

	@Override
	public String title() {
		return "all-MiniLM-L6-v2 (ONNX, in-process)";
	}

	@Override
	public TextEmbedder create() {
		return new MiniLmTextEmbedder(MiniLmModel.shared());
	}
}
