package dev.switchboard.core.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The resources every {@code @QuarkusTest} shares (declared once, applied to all), so the app boots once for the
 * whole suite: a real PostgreSQL, and an OIDC provider that signs operator tokens.
 */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class TestResources {

	private TestResources() {
	}
}
