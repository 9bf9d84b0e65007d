package dev.switchboard.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this SDK, as a semantic version. The host compares it with a plugin's {@code Plugin-Requires}
 * range and refuses a plugin that needs another SDK. Thread-safe; a constant for the life of the process.
 */
public final class SdkVersion {

	/** The SDK version this jar was built as, e.g. {@code 0.1.0} (without a {@code -SNAPSHOT} qualifier). */
	public static final String CURRENT = read();

	private SdkVersion() {
	}

	private static String read() {
		try (InputStream in = SdkVersion.class.getResourceAsStream("/META-INF/switchboard-sdk.properties")) {
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version").replace("-SNAPSHOT", "");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
