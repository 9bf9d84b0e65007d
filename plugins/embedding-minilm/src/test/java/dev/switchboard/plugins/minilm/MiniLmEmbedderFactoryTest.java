package dev.switchboard.plugins.minilm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.sdk.embedding.TextEmbedder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderFactoryTest {

	private static TextEmbedder embedder;

	@BeforeAll
	static void load() {
		embedder = new MiniLmEmbedderFactory().create();
	}

	@AfterAll
	static void close() {
		embedder.close();
	}

	@Test
	void should_score_similar_sentences_higher_than_unrelated_ones() {
		float[] question = embedder.embed("How do I change my password?");
		float[] paraphrase = embedder.embed("What are the steps to reset my login password?");
		float[] unrelated = embedder.embed("The weather in Lisbon is sunny and warm today.");

		assertThat(dot(question, paraphrase)).isGreaterThan(dot(question, unrelated) + 0.3f);
	}

	@Test
	void should_give_unit_vectors_of_the_declared_dimension() {
		for (String text : List.of("hello", "", "a much longer sentence ".repeat(200))) {
			float[] v = embedder.embed(text);
			assertThat(v).hasSize(embedder.dimension());
			assertThat(dot(v, v)).isCloseTo(1f, within(1e-4f));
		}
	}

	@Test
	void should_embed_all_in_order_like_one_by_one() {
		List<String> texts = List.of("open a support ticket", "good morning", "cancel my subscription");
		List<float[]> all = embedder.embedAll(texts);
		assertThat(all).hasSize(3);
		for (int i = 0; i < texts.size(); i++) {
			assertThat(dot(all.get(i), embedder.embed(texts.get(i)))).isCloseTo(1f, within(1e-3f));
		}
	}

	@Test
	void should_share_one_model_between_embedders() {
		try (TextEmbedder other = new MiniLmEmbedderFactory().create()) {
			assertThat(dot(other.embed("same text"), embedder.embed("same text"))).isCloseTo(1f, within(1e-5f));
		}
	}

	private static float dot(float[] a, float[] b) {
		float s = 0;
		for (int i = 0; i < a.length; i++) {
			s += a[i] * b[i];
		}
		return s;
	}
}
