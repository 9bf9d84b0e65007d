package dev.switchboard.core.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admin console under /admin/ holds an admin credential, so its pages load nothing but their own files and talk
 * to nobody but this server (and the OIDC provider, to exchange a sign-in code), cannot be framed, and are revalidated
 * on every load so an upgrade shows at once.
 */
@ApplicationScoped
public class AdminConsoleHeaders {

	private final String policy;

	public AdminConsoleHeaders(@ConfigProperty(name = "quarkus.oidc.tenant-enabled") boolean oidcEnabled,
			@ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> oidcUrl) {
		String provider = oidcEnabled ? oidcUrl.map(AdminConsoleHeaders::origin).orElse("") : "";
		this.policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
				+ "connect-src 'self'" + (provider.isEmpty() ? "" : " " + provider) + "; form-action 'self'; "
				+ "base-uri 'none'; frame-ancestors 'none'";
	}

	void register(@Observes Filters filters) {
		filters.register(this::filter, 100);
	}

	private void filter(RoutingContext rc) {
		String path = rc.normalizedPath();
		if (path.equals("/admin")) {
			rc.response().setStatusCode(308).putHeader("Location", "/admin/").end();
			return;
		}
		if (path.startsWith("/admin/")) {
			rc.addHeadersEndHandler(ignored -> rc.response().putHeader("Content-Security-Policy", policy)
					.putHeader("Cache-Control", "no-cache").putHeader("X-Content-Type-Options", "nosniff")
					.putHeader("Referrer-Policy", "no-referrer"));
		}
		rc.next();
	}

	/** The provider's origin, or nothing when the setting is not an absolute URL (OIDC sign-in then fails anyway). */
	private static String origin(String url) {
		URI uri = URI.create(url);
		return uri.getScheme() == null || uri.getAuthority() == null ? "" : uri.getScheme() + "://" + uri.getAuthority();
	}
}
