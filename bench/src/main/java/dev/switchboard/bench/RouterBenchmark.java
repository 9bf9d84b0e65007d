package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.routing.RouteDecision;
import dev.switchboard.core.routing.Router;
import dev.switchboard.core.routing.RoutingCatalog;
import dev.switchboard.core.routing.Turn;
import dev.switchboard.plugins.minilm.MiniLmEmbedderFactory;
import dev.switchboard.sdk.embedding.TextEmbedder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One routing decision per invocation (signals a–c: modality, context, embeddings; no LLM), cycling through the
 * labelled turns of the dev and held-out sets (short greetings to 36-word questions, with and without images), with
 * the catalog's vectors already cached as in a running app. Sample mode, so JMH reports p50/p90/p99 per turn.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
@Threads(1)
@State(Scope.Benchmark)
public class RouterBenchmark {

	private TextEmbedder embedder;
	private Router router;
	private RoutingCatalog catalog;
	private List<Turn> turns;
	private int next;
	private final RouteDecision previous = RouteDecision.previous(dev.switchboard.core.routing.Route.ACTION,
			"billing.cancel_subscription");

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		embedder = new MiniLmEmbedderFactory().create();
		router = new Router(embedder);
		ObjectMapper json = new ObjectMapper();
		try (InputStream in = RouterBenchmark.class.getResourceAsStream("/routing/catalog.json")) {
			catalog = RoutingCatalog.parse(json.readTree(in));
		}
		turns = new ArrayList<>();
		for (String set : List.of("/routing/dev.jsonl", "/routing/heldout.jsonl")) {
			try (InputStream in = RouterBenchmark.class.getResourceAsStream(set)) {
				for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
					if (!line.isBlank()) {
						JsonNode row = json.readTree(line);
						List<String> types = new ArrayList<>();
						row.path("attachments").forEach(a -> types.add(a.path("type").asText()));
						turns.add(new Turn(row.get("text").asText(), types, Map.of()));
					}
				}
			}
		}
		router.decide(turns.get(0), catalog); // loads the model and caches the catalog's vectors
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		embedder.close();
	}

	/** A turn without conversation context. */
	@Benchmark
	public RouteDecision decide() {
		Turn turn = turns.get(next++ % turns.size());
		return router.decide(turn, catalog);
	}

	/** A turn after an action turn: the confirmation check runs too. */
	@Benchmark
	public RouteDecision decideAfterAction() {
		Turn turn = turns.get(next++ % turns.size());
		return router.decide(turn, catalog, previous, null);
	}

	/** The embedding alone, for reference: most of a decision. */
	@Benchmark
	public float[] embedOnly() {
		return embedder.embed(turns.get(next++ % turns.size()).text());
	}
}
