package dev.switchboard.bench;

import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import dev.switchboard.sdk.testkit.openai.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures what Switchboard adds in front of a model upstream, in one run on this machine: the same load client
 * sends the same requests straight to a fake OpenAI upstream (the baseline) and through the packaged app's
 * {@code /v1/chat/completions}, at concurrency 1, 16 and 64, non-streaming and streaming. Also the packaged app's
 * startup-to-ready time and resident memory with the embedded database.
 *
 * <p>Run after {@code ./mvnw package -DskipTests}: {@code ./mvnw -f bench/gateway/pom.xml -q compile exec:java}.
 * Every loop is bounded by a duration; all traffic goes to 127.0.0.1.
 */
public final class GatewayBenchmark {

	private static final String KEY = "bench-admin-key";
	private static final String BODY = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello in five words\"}]}";
	private static final String STREAM_BODY = "{\"model\":\"auto\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Say hello in five words\"}]}";
	private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 5));
	private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
	private static final Duration JIT_WARMUP = Duration.ofSeconds(Integer.getInteger("bench.jitWarmup", 20));

	// The load client's own tasks run on its selector thread (no pool hand-offs), so that it takes as little of the two
	// cores as it can from the app and the upstream it measures.
	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.executor(Runnable::run).connectTimeout(Duration.ofSeconds(5)).build();

	public static void main(String[] args) throws Exception {
		new GatewayBenchmark().run();
		System.exit(0);
	}

	private void run() throws Exception {
		try (FakeOpenAiUpstream upstream = FakeOpenAiUpstream.start()) {
			upstream.defaultReply(Reply.text("Hello", " there,", " nice", " to", " meet", " you."));
			Path data = Files.createTempDirectory("switchboard-bench");
			long launched = System.nanoTime();
			Process app = launch(data, upstream.baseUrl());
			try {
				String base = "http://127.0.0.1:" + PORT + "";
				awaitReady(base, app);
				double startupSeconds = (System.nanoTime() - launched) / 1e9;
				long rssAtStart = rssKb(app.pid());
				long postgresAtStart = postgresRssKb(data);
				String direct = upstream.baseUrl() + "/chat/completions";
				String through = base + "/v1/chat/completions";
				// Steady state, not JIT compilation, is what every row measures: both paths and both modes run first.
				for (String body : List.of(BODY, STREAM_BODY)) {
					run(through, body, 16, false, JIT_WARMUP, null);
					run(direct, body, 16, false, JIT_WARMUP.dividedBy(4), null);
				}

				List<String> lines = new ArrayList<>();
				lines.add(String.format(Locale.ROOT,
						"startup to ready: %.2f s (embedded PostgreSQL included); RSS after start: app %d MB + PostgreSQL %d MB",
						startupSeconds, rssAtStart / 1024, postgresAtStart / 1024));
				lines.add("");
				lines.add("| mode | concurrency | direct p50 ms | through p50 ms | added p50 ms | direct p99 ms | through p99 ms | added p99 ms | direct req/s | through req/s | through ÷ direct req/s | app CPU µs/req | failures |");
				lines.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
				for (int concurrency : new int[] { 1, 16, 64 }) {
					Result d = load(direct, BODY, concurrency, false, null);
					Result t = load(through, BODY, concurrency, false, app);
					lines.add(row("non-stream, JDK client", concurrency, d, t));
				}
				// The same closed loop driven by wrk, where installed: a C load generator takes less of the two cores from
				// the app and the upstream than the JDK client above, so these rows are closer to the app's own cost.
				if (Wrk.installed()) {
					Wrk wrk = new Wrk(KEY, BODY);
					for (int concurrency : new int[] { 1, 16, 64 }) {
						Result d = wrk.load(direct, concurrency, WARMUP, MEASURE, () -> Duration.ZERO);
						Result t = wrk.load(through, concurrency, WARMUP, MEASURE, () -> cpu(app));
						lines.add(row("non-stream, wrk", concurrency, d, t));
					}
				} else {
					lines.add("| non-stream, wrk | - | wrk is not installed (Debian: apt-get install wrk) | | | | | | | | | | |");
				}
				// Closed loop at 16 clients saturates the two cores, so its latency is mostly queueing behind the load
				// client and the upstream; 16 clients at a rate the node sustains show what a request itself gains.
				for (int rate : new int[] { 1_000, 2_000 }) {
					Result d = paced(direct, 16, rate, null);
					Result t = paced(through, 16, rate, app);
					lines.add(row("non-stream @" + rate + "/s", 16, d, t));
				}
				for (int concurrency : new int[] { 1, 16 }) {
					Result d = load(direct, STREAM_BODY, concurrency, true, null);
					Result t = load(through, STREAM_BODY, concurrency, true, app);
					lines.add(row("stream TTFB", concurrency, d, t));
				}
				long rssAfter = rssKb(app.pid());
				lines.add("");
				lines.add(String.format(Locale.ROOT, "RSS after load: app %d MB + PostgreSQL %d MB; JVM %s; %d cores",
						rssAfter / 1024, postgresRssKb(data) / 1024, System.getProperty("java.version"),
						Runtime.getRuntime().availableProcessors()));
				lines.forEach(System.out::println);
			} finally {
				app.destroy();
				app.waitFor();
			}
		}
	}

	private static final int PORT = Integer.getInteger("bench.port", 18080);

	private static Process launch(Path data, String upstream) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		// Extra JVM options for the app, e.g. -Dbench.jvmArgs="-XX:StartFlightRecording=filename=app.jfr" to profile it.
		command.addAll(Arrays.stream(System.getProperty("bench.jvmArgs", "").split("\\s+")).filter(a -> !a.isEmpty()).toList());
		command.addAll(List.of("-jar", "core/target/quarkus-app/quarkus-run.jar"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(data.resolve("app.log").toFile());
		builder.environment().put("SWITCHBOARD_DATA_DIR", data.toString());
		builder.environment().put("SWITCHBOARD_ADMIN_API_KEY", KEY);
		builder.environment().put("SWITCHBOARD_OPENAI_BASE_URL", upstream);
		builder.environment().put("SWITCHBOARD_OPENAI_MODEL", "fake-model");
		builder.environment().put("SWITCHBOARD_PLUGINS_DIR", "target/plugins");
		builder.environment().put("PORT", Integer.toString(PORT));
		return builder.start();
	}

	private void awaitReady(String base, Process app) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			if (!app.isAlive()) {
				throw new IllegalStateException("the app exited");
			}
			try {
				if (client.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			} catch (IOException notYet) {
				// starting
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("not ready in 120 s");
	}

	/** Closed-loop load: each of {@code concurrency} workers sends its next request when the previous one ends. */
	private Result load(String url, String body, int concurrency, boolean timeToFirstByte, Process app)
			throws Exception {
		run(url, body, concurrency, timeToFirstByte, WARMUP, null);
		List<long[]> perWorker = new ArrayList<>();
		AtomicLong failures = new AtomicLong();
		Duration cpuBefore = cpu(app);
		long started = System.nanoTime();
		perWorker.addAll(run(url, body, concurrency, timeToFirstByte, MEASURE, failures));
		double seconds = (System.nanoTime() - started) / 1e9;
		Duration appCpu = cpu(app).minus(cpuBefore);
		long[] all = perWorker.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		return Result.of(all, failures.get(), seconds, appCpu);
	}

	/**
	 * Open-loop load: {@code clients} workers together send {@code perSecond} requests a second on a fixed schedule.
	 * Latency counts from the scheduled send time, so a late answer also delays (and charges) the requests behind it.
	 */
	private Result paced(String url, int clients, int perSecond, Process app) throws Exception {
		schedule(url, clients, perSecond, WARMUP, new AtomicLong());
		AtomicLong failures = new AtomicLong();
		Duration cpuBefore = cpu(app);
		long started = System.nanoTime();
		long[] all = schedule(url, clients, perSecond, MEASURE, failures).stream().flatMapToLong(Arrays::stream).sorted()
				.toArray();
		double seconds = (System.nanoTime() - started) / 1e9;
		return Result.of(all, failures.get(), seconds, cpu(app).minus(cpuBefore));
	}

	private List<long[]> schedule(String url, int clients, int perSecond, Duration duration, AtomicLong failures)
			throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY)
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
		long start = System.nanoTime();
		long period = 1_000_000_000L * clients / perSecond;
		int perClient = (int) (duration.toNanos() / period);
		List<Future<long[]>> workers = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int c = 0; c < clients; c++) {
				long offset = 1_000_000_000L * c / perSecond;
				workers.add(threads.submit(() -> {
					long[] latencies = new long[perClient];
					for (int k = 0; k < perClient; k++) {
						long due = start + offset + k * period;
						long wait = due - System.nanoTime();
						if (wait > 0) {
							LockSupport.parkNanos(wait);
						}
						try {
							HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
							if (response.statusCode() != 200) {
								throw new IOException("status " + response.statusCode());
							}
						} catch (IOException e) {
							failures.incrementAndGet();
						}
						latencies[k] = System.nanoTime() - due;
					}
					return latencies;
				}));
			}
			List<long[]> results = new ArrayList<>();
			for (Future<long[]> worker : workers) {
				results.add(worker.get());
			}
			return results;
		}
	}

	private static Duration cpu(Process app) {
		return app == null ? Duration.ZERO : app.info().totalCpuDuration().orElse(Duration.ZERO);
	}

	private List<long[]> run(String url, String body, int concurrency, boolean ttfb, Duration duration, AtomicLong failures)
			throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY)
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
		long end = System.nanoTime() + duration.toNanos();
		List<Future<long[]>> workers = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int w = 0; w < concurrency; w++) {
				workers.add(threads.submit(() -> {
					long[] latencies = new long[1 << 16];
					int n = 0;
					while (System.nanoTime() < end) {
						long start = System.nanoTime();
						try {
							HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
							try (InputStream in = response.body()) {
								if (ttfb) {
									in.read();
								}
								long latency = System.nanoTime() - start;
								in.readAllBytes();
								if (response.statusCode() != 200) {
									throw new IOException("status " + response.statusCode());
								}
								latency = ttfb ? latency : System.nanoTime() - start;
								if (n == latencies.length) {
									latencies = Arrays.copyOf(latencies, n * 2);
								}
								latencies[n++] = latency;
							}
						} catch (IOException e) {
							if (failures != null) {
								failures.incrementAndGet();
							}
						}
					}
					return Arrays.copyOf(latencies, n);
				}));
			}
			List<long[]> results = new ArrayList<>();
			for (Future<long[]> worker : workers) {
				results.add(worker.get());
			}
			return results;
		}
	}

	private static String row(String mode, int concurrency, Result direct, Result through) {
		return String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.0f | %.0f | %.2f | %.0f | %d |", mode,
				concurrency, direct.p50Millis(), through.p50Millis(), through.p50Millis() - direct.p50Millis(),
				direct.p99Millis(), through.p99Millis(), through.p99Millis() - direct.p99Millis(),
				direct.throughput(), through.throughput(), through.throughput() / direct.throughput(),
				through.appCpuMicrosPerRequest(),
				direct.failures() + through.failures());
	}

	/** The embedded PostgreSQL's processes: those whose command line names the data directory, and their children. */
	private static long postgresRssKb(Path data) throws IOException {
		long total = 0;
		try (var procs = Files.list(Path.of("/proc"))) {
			for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
				try {
					String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
					String status = Files.readString(proc.resolve("status"));
					if (cmdline.contains(data.toString()) || isPostgresChild(status)) {
						total += rssKb(Long.parseLong(proc.getFileName().toString()));
					}
				} catch (IOException | RuntimeException gone) {
					// the process ended while we looked
				}
			}
		}
		return total;
	}

	private static boolean isPostgresChild(String status) {
		return status.lines().anyMatch(l -> l.startsWith("Name:") && l.contains("postgres"));
	}

	private static long rssKb(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", ""));
			}
		}
		return -1;
	}
}
