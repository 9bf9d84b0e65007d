package dev.switchboard.core.routing;

import dev.switchboard.core.plugin.PluginHost;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.sdk.embedding.TextEmbedder;
import dev.switchboard.sdk.embedding.TextEmbedderFactory;
import dev.switchboard.sdk.error.PluginException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The process's one {@link Router}, over the embedder of the first embedding plugin. Created on the first request
 * that needs it (the model loads then, about a second), never at start, so an app without routing pays nothing.
 */
@ApplicationScoped
public class RouterService {

	private static final Logger LOG = Logger.getLogger(RouterService.class);

	private final PluginHost plugins;
	private volatile Router router;
	private TextEmbedder embedder;

	public RouterService(PluginHost plugins) {
		this.plugins = plugins;
	}

	/** Whether a decision can be made: an embedding plugin is loaded. */
	public boolean available() {
		return router != null || plugins.embedderFactory().isPresent();
	}

	/**
	 * The router.
	 *
	 * @throws ProblemException 503 {@code router_unavailable} when no embedding plugin is loaded; a decision is never
	 *                          made up without one
	 */
	public Router router() {
		Router r = router;
		if (r != null) {
			return r;
		}
		synchronized (this) {
			if (router == null) {
				Optional<TextEmbedderFactory> factory = plugins.embedderFactory();
				if (factory.isEmpty()) {
					throw unavailable("No embedding plugin is loaded. Install the embedding-minilm plugin (embedding-minilm.jar "
							+ "in the plugins directory) and restart.");
				}
				embedder = factory.get().create();
				router = new Router(embedder);
				LOG.infof("Router uses embedder %s", factory.get().id());
			}
			return router;
		}
	}

	/** Decides without an LLM router; see {@link #decide(Turn, RoutingCatalog, RouteDecision, RouterModelHook)}. */
	public RouteDecision decide(Turn turn, RoutingCatalog catalog, RouteDecision previous) {
		return decide(turn, catalog, previous, null);
	}

	/**
	 * Decides, turning an embedder failure (the model cannot load here) into the same 503 problem.
	 *
	 * @param hook the LLM router for close calls, or null
	 */
	public RouteDecision decide(Turn turn, RoutingCatalog catalog, RouteDecision previous, RouterModelHook hook) {
		Router r = router();
		try {
			return r.decide(turn, catalog, previous, hook);
		} catch (PluginException e) {
			LOG.warnf("Embedder failed: %s", e.getMessage());
			throw unavailable("The embedding plugin could not compute embeddings: " + e.getMessage());
		}
	}

	private static ProblemException unavailable(String detail) {
		return new ProblemException(503, "router_unavailable", "Router unavailable", detail);
	}

	@PreDestroy
	void close() {
		if (embedder != null) {
			embedder.close();
		}
	}
}
