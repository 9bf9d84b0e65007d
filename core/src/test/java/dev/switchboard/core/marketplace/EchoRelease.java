package dev.switchboard.core.marketplace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The factory id and version of a test plugin jar, and whether it declares secrets, from {@code echo.properties} in the
 * jar itself, so that releases differ only by that file. Packaged into each test plugin beside its factory.
 */
record EchoRelease(String factoryId, String version, boolean secrets) {

	static EchoRelease of(Class<?> factory) {
		Properties properties = new Properties();
		try (InputStream in = factory.getClassLoader().getResourceAsStream("echo.properties")) {
			properties.load(in);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return new EchoRelease(properties.getProperty("factory"), properties.getProperty("version"),
				Boolean.parseBoolean(properties.getProperty("secrets")));
	}
}
