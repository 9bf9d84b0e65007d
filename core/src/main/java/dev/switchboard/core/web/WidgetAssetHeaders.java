package dev.switchboard.core.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers for the widget's files under /widget/, which other sites load from their own pages. The script's URL is
 * the one customers paste into their pages, so it cannot be immutable: it is cached for a day and then served stale
 * for up to a week while the browser revalidates it, so an upgrade reaches every page within a day and no page waits
 * for it.
 */
@ApplicationScoped
public class WidgetAssetHeaders {

	static final String CACHE_CONTROL = "public, max-age=86400, stale-while-revalidate=604800";

	void register(@Observes Filters filters) {
		filters.register(this::filter, 100);
	}

	private void filter(RoutingContext rc) {
		if (rc.normalizedPath().startsWith("/widget/")) {
			rc.addHeadersEndHandler(ignored -> {
				if (rc.response().getStatusCode() == 200) {
					rc.response().putHeader("Cache-Control", CACHE_CONTROL)
							.putHeader("X-Content-Type-Options", "nosniff")
							// pages that isolate themselves (COEP) may still load the widget from another origin
							.putHeader("Cross-Origin-Resource-Policy", "cross-origin");
					if (rc.normalizedPath().endsWith(".js")) {
						rc.response().putHeader("Content-Type", "text/javascript; charset=utf-8");
					}
				}
			});
		}
		rc.next();
	}
}
