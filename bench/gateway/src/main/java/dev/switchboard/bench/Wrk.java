package dev.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop load from wrk (Debian package {@code wrk}): the same POST as the JDK client sends, on two threads with
 * {@code concurrency} connections, each sending its next request when the previous answer arrived.
 */
final class Wrk {

	private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.0+)?%\\s+([\\d.]+)(us|ms|s)\\s*$",
			Pattern.MULTILINE);
	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(ms|s|m)");
	private static final Pattern NOT_OK = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
	private static final Pattern SOCKET_ERRORS = Pattern.compile(
			"Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private final Path script;

	Wrk(String apiKey, String body) throws IOException {
		script = Files.createTempFile("switchboard-bench", ".lua");
		script.toFile().deleteOnExit();
		Files.writeString(script, """
				wrk.method = "POST"
				wrk.body = '%s'
				wrk.headers["Content-Type"] = "application/json"
				wrk.headers["Authorization"] = "Bearer %s"
				""".formatted(body, apiKey));
	}

	static boolean installed() {
		try {
			new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor();
			return true; // it ran (it exits with 1 after printing its version)
		} catch (IOException absent) {
			return false;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Warms up, then measures; {@code appCpu} reads the app's CPU time before and after the measurement. */
	Result load(String url, int concurrency, Duration warmup, Duration measure, Supplier<Duration> appCpu)
			throws IOException, InterruptedException {
		run(url, concurrency, warmup);
		Duration cpuBefore = appCpu.get();
		String report = run(url, concurrency, measure);
		Duration cpu = appCpu.get().minus(cpuBefore);
		double p50 = Double.NaN;
		double p99 = Double.NaN;
		for (Matcher m = PERCENTILE.matcher(report); m.find();) {
			double millis = Double.parseDouble(m.group(2)) * switch (m.group(3)) {
				case "us" -> 1e-3;
				case "ms" -> 1.0;
				default -> 1e3;
			};
			if (m.group(1).equals("50")) {
				p50 = millis;
			} else {
				p99 = millis;
			}
		}
		Matcher requests = REQUESTS.matcher(report);
		if (!requests.find()) {
			throw new IllegalStateException("wrk printed no request count:\n" + report);
		}
		double seconds = Double.parseDouble(requests.group(2)) * switch (requests.group(3)) {
			case "ms" -> 1e-3;
			case "m" -> 60.0;
			default -> 1.0;
		};
		long failures = 0;
		for (Matcher m = NOT_OK.matcher(report); m.find();) {
			failures += Long.parseLong(m.group(1));
		}
		for (Matcher m = SOCKET_ERRORS.matcher(report); m.find();) {
			for (int group = 1; group <= 4; group++) {
				failures += Long.parseLong(m.group(group));
			}
		}
		return new Result(Long.parseLong(requests.group(1)), failures, seconds, p50, p99, cpu);
	}

	private String run(String url, int concurrency, Duration duration) throws IOException, InterruptedException {
		List<String> command = List.of("wrk", "-t" + Math.min(2, concurrency), "-c" + concurrency,
				"-d" + duration.toSeconds() + "s", "--latency", "-s", script.toString(), url);
		Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
		String report = new String(wrk.getInputStream().readAllBytes());
		if (wrk.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + report);
		}
		return report;
	}
}
