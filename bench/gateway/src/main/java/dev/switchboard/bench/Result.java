package dev.switchboard.bench;

import java.time.Duration;

/** One measurement of one path: how many requests, how fast, and what the app spent on them. */
record Result(long requests, long failures, double seconds, double p50Millis, double p99Millis, Duration appCpu) {

	static Result of(long[] sortedLatenciesNanos, long failures, double seconds, Duration appCpu) {
		return new Result(sortedLatenciesNanos.length, failures, seconds, percentileMillis(sortedLatenciesNanos, 50),
				percentileMillis(sortedLatenciesNanos, 99), appCpu);
	}

	double throughput() {
		return requests / seconds;
	}

	/** The app's CPU time (all threads) per request: less noisy than latency when other work shares the cores. */
	double appCpuMicrosPerRequest() {
		return requests == 0 ? Double.NaN : appCpu.toNanos() / 1e3 / requests;
	}

	private static double percentileMillis(long[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1e6;
	}
}
