package dev.switchboard.plugins.minilm.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.switchboard.sdk.error.UnsupportedFeatureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one ONNX session of this plugin class loader, loaded on first use. Loading takes about a second and adds a few
 * hundred MB of native memory, so it happens once and only when something asks for a vector.
 *
 * <p>Two things the libraries do need care inside a plugin class loader:
 * <ul>
 * <li>DJL's tokenizer finds its native library through the thread's context class loader, which in the host is the
 * application's, not this plugin's: the load runs with the context class loader set to this plugin's.</li>
 * <li>DJL extracts that library to a fixed directory ({@code ~/.djl.ai} by default) and {@code System.load}s it from
 * there; a JVM can bind one path to one class loader only, so a second copy of DJL in the process (this plugin
 * updated in place, another plugin, the host's test class path) would get unlinked native methods. Unless the operator
 * set {@code ENGINE_CACHE_DIR} or {@code DJL_CACHE_DIR}, each load extracts to its own directory under
 * {@code java.io.tmpdir}, deleted once the library is loaded; the system property that tells DJL so is set only for
 * the duration of the load, so no other DJL copy picks it up. ONNX Runtime already extracts to a fresh temporary
 * directory per load.</li>
 * </ul>
 */
public final class MiniLmModel {

	private static final Logger LOG = LoggerFactory.getLogger(MiniLmModel.class);
	private static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";
	private static final String OWN_PREFIX = "switchboard-djl-";
	private static final MiniLmModel SHARED = new MiniLmModel();
	/** ONNX intra-op threads per embedding (also env {@code SWITCHBOARD_EMBEDDING_THREADS}); 0 = one per core. */
	static final String THREADS_PROPERTY = "switchboard.embedding.threads";
	/** Whether idle ONNX workers spin; off by default, the app's other work needs the cores. */
	static final String SPIN_PROPERTY = "switchboard.embedding.spin";
	static final int DEFAULT_THREADS = 0;

	private volatile TunedMiniLm model;

	private MiniLmModel() {
	}

	/** The instance of this class loader; nothing is loaded yet. */
	public static MiniLmModel shared() {
		return SHARED;
	}

	/** The loaded model, loading it on the first call. */
	TunedMiniLm model() {
		TunedMiniLm loaded = model;
		if (loaded == null) {
			synchronized (this) {
				loaded = model;
				if (loaded == null) {
					model = loaded = load();
				}
			}
		}
		return loaded;
	}

	float[] embed(String text) {
		return normalised(model().embed(nonBlank(text)).content());
	}

	List<float[]> embedAll(List<String> texts) {
		List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(nonBlank(t))).toList();
		List<Embedding> embeddings = model().embedAll(segments).content();
		List<float[]> vectors = new ArrayList<>(embeddings.size());
		for (Embedding e : embeddings) {
			vectors.add(normalised(e));
		}
		return vectors;
	}

	private static int envInt(String name, int fallback) {
		try {
			return System.getenv(name) == null ? fallback : Integer.parseInt(System.getenv(name).trim());
		} catch (NumberFormatException e) {
			return fallback;
		}
	}

	/** LangChain4j refuses blank text; a lone full stop embeds as "nothing said". */
	private static String nonBlank(String text) {
		return text == null || text.isBlank() ? "." : text;
	}

	private static TunedMiniLm load() {
		long start = System.nanoTime();
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(MiniLmModel.class.getClassLoader());
		String previousCacheDir = System.getProperty(ENGINE_CACHE_DIR);
		Path ownCacheDir = ownNativeCacheDir();
		try {
			int threads = Integer.getInteger(THREADS_PROPERTY, envInt("SWITCHBOARD_EMBEDDING_THREADS", DEFAULT_THREADS));
			boolean spin = Boolean.parseBoolean(System.getProperty(SPIN_PROPERTY, "false"));
			TunedMiniLm loaded = TunedMiniLm.load(threads, spin);
			loaded.embed("warm up");
			LOG.info("all-MiniLM-L6-v2 loaded in {} ms ({} ONNX threads, spinning {})", (System.nanoTime() - start) / 1_000_000,
					threads == 0 ? "default" : threads, spin);
			return loaded;
		} catch (RuntimeException | LinkageError e) {
			throw new UnsupportedFeatureException("The all-MiniLM-L6-v2 model could not be loaded on this platform: " + e);
		} finally {
			thread.setContextClassLoader(previous);
			if (ownCacheDir != null) {
				if (previousCacheDir == null) {
					System.clearProperty(ENGINE_CACHE_DIR);
				} else {
					System.setProperty(ENGINE_CACHE_DIR, previousCacheDir);
				}
				deleteExtracted(ownCacheDir);
			}
		}
	}

	/** Points DJL at a directory of this load's own, unless the operator chose one; that directory, or null. */
	private static Path ownNativeCacheDir() {
		if (System.getenv(ENGINE_CACHE_DIR) != null || System.getenv("DJL_CACHE_DIR") != null
				|| System.getProperty(ENGINE_CACHE_DIR) != null || System.getProperty("DJL_CACHE_DIR") != null) {
			return null;
		}
		try {
			Path dir = Files.createTempDirectory(OWN_PREFIX);
			System.setProperty(ENGINE_CACHE_DIR, dir.toString());
			return dir;
		} catch (IOException e) {
			LOG.warn("Could not create a native cache directory, DJL uses its default: {}", e.toString());
			return null;
		}
	}

	/**
	 * Deletes this load's extracted native libraries once they are loaded (the warm-up ran): the process keeps what it
	 * mapped, and every load would otherwise leave its copy in the temporary directory. Where the platform refuses to
	 * delete a loaded library, the files stay until the operator clears the directory.
	 */
	private static void deleteExtracted(Path dir) {
		try (var paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		} catch (IOException e) {
			LOG.debug("Could not delete {}: {}", dir, e.toString());
		}
	}

	private static float[] normalised(Embedding embedding) {
		float[] v = embedding.vector();
		double sum = 0;
		for (float x : v) {
			sum += x * x;
		}
		float norm = (float) Math.sqrt(sum);
		if (norm > 0 && Math.abs(norm - 1f) > 1e-6f) {
			for (int i = 0; i < v.length; i++) {
				v[i] /= norm;
			}
		}
		return v;
	}
}
