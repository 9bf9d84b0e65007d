package dev.switchboard.core.widget;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.Set;

/**
 * CORS for the widget's pages: a browser may call the chat API from an origin that some tenant's widget allows.
 * Preflights from other origins are refused; other requests from them get no CORS headers, so the browser keeps
 * their answers from the page. Which tenant a page may act on is decided later, by its session token.
 */
@ApplicationScoped
public class WidgetOrigins {

	private static final long REFRESH_MILLIS = 10_000;
	private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Last-Event-ID";

	private final WidgetRepository widgets;
	private volatile Set<String> allowed = Set.of();
	private volatile long loadedAt;

	public WidgetOrigins(WidgetRepository widgets) {
		this.widgets = widgets;
	}

	void register(@Observes Filters filters) {
		filters.register(this::filter, 200);
	}

	/** Forgets the cached origins, after a widget's origins changed on this node. */
	void refresh() {
		loadedAt = 0;
	}

	private void filter(RoutingContext rc) {
		String origin = rc.request().getHeader("Origin");
		String path = rc.normalizedPath();
		if (origin == null || !(path.startsWith("/api/v1/") || path.startsWith("/v1/"))) {
			rc.next();
			return;
		}
		origins().subscribe().with(known -> {
			boolean preflight = rc.request().method() == HttpMethod.OPTIONS
					&& rc.request().getHeader("Access-Control-Request-Method") != null;
			if (known.contains(origin)) {
				rc.response().putHeader("Access-Control-Allow-Origin", origin).putHeader("Vary", "Origin")
						.putHeader("Access-Control-Expose-Headers", "Retry-After");
				if (preflight) {
					rc.response().putHeader("Access-Control-Allow-Methods", "GET, POST, DELETE")
							.putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
							.putHeader("Access-Control-Max-Age", "600").setStatusCode(204).end();
					return;
				}
			} else if (preflight) {
				rc.response().setStatusCode(403).end();
				return;
			}
			rc.next();
		}, rc::fail);
	}

	private Uni<Set<String>> origins() {
		if (System.currentTimeMillis() - loadedAt < REFRESH_MILLIS) {
			return Uni.createFrom().item(allowed);
		}
		return Panache.withSession(() -> widgets.listAll()).map(all -> {
			Set<String> union = new HashSet<>();
			all.forEach(w -> union.addAll(w.allowedOrigins));
			allowed = Set.copyOf(union);
			loadedAt = System.currentTimeMillis();
			return allowed;
		});
	}
}
