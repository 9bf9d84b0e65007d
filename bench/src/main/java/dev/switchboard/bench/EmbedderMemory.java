package dev.switchboard.bench;

import dev.switchboard.plugins.minilm.MiniLmEmbedderFactory;
import dev.switchboard.sdk.embedding.TextEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What loading the embedding model costs the process: Java heap and resident memory (Linux), before and after. */
public final class EmbedderMemory {

	public static void main(String[] args) throws IOException {
		Snapshot before = Snapshot.take();
		long start = System.nanoTime();
		try (TextEmbedder embedder = new MiniLmEmbedderFactory().create()) {
			embedder.embed("load the model");
			long loadMs = (System.nanoTime() - start) / 1_000_000;
			for (int i = 0; i < 200; i++) {
				embedder.embed("a typical support question number " + i + " about invoices and tickets");
			}
			Snapshot after = Snapshot.take();
			System.out.printf("model load + first embedding: %d ms%n", loadMs);
			System.out.printf("heap used:  %6d MB -> %6d MB (+%d MB)%n", before.heapMb, after.heapMb, after.heapMb - before.heapMb);
			System.out.printf("RSS:        %6d MB -> %6d MB (+%d MB)%n", before.rssMb, after.rssMb, after.rssMb - before.rssMb);
		}
	}

	private record Snapshot(long heapMb, long rssMb) {
		static Snapshot take() throws IOException {
			for (int i = 0; i < 3; i++) {
				System.gc();
			}
			Runtime rt = Runtime.getRuntime();
			long heap = (rt.totalMemory() - rt.freeMemory()) >> 20;
			long rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
					.mapToLong(l -> Long.parseLong(l.replaceAll("\\D+", "")) >> 10).findFirst().orElse(-1);
			return new Snapshot(heap, rss);
		}
	}
}
