package dev.switchboard.core.support;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * The resources every {@code @QuarkusTest} shares (declared once, applied to all), so the app boots once for the
 * whole suite.
 */
@QuarkusTestResource(PostgresResource.class)
public final class TestResources {

	private TestResources() {
	}
}
