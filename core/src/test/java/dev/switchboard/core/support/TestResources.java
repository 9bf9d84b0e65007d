package dev.switchboard.core.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The resources every {@code @QuarkusTest} shares (declared once, applied to all), so the app boots once for the
 * whole suite: a real PostgreSQL, an OIDC provider that signs operator tokens, an OpenAI-compatible upstream, and a
 * plugins directory holding the built plugins beside deliberately broken ones.
 */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(FakeUpstreamResource.class)
@QuarkusTestResource(PluginsDirResource.class)
public final class TestResources {

	private TestResources() {
	}
}
