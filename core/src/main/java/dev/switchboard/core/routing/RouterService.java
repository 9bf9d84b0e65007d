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
 * that needs it (the model loads then, about a second), never at start, so an app without routing pays nothing. When
 * that plugin is upgraded (or replaced), the next decision builds the router again over the serving version; decisions
 * already running finish on the old embedder, which is closed after them.
 */
@ApplicationScoped
public class RouterService {

	private static final Logger LOG = Logger.getLogger(RouterService.class);

	/** A router and the factory its embedder came from. */
	private record Built(Router router, TextEmbedderFactory factory, TextEmbedder embedder) {
	}

	private final PluginHost plugins;
	private volatile Built built;

	public RouterService(PluginHost plugins) {
		this.plugins = plugins;
	}

	/** Whether a decision can be made: an embedding plugin is loaded. */
	public boolean available() {
		return plugins.embedderFactory().isPresent();
	}

	/**
	 * The router over the serving embedding plugin.
	 *
	 * @throws ProblemException 503 {@code router_unavailable} when no embedding plugin is loaded; a decision is never
	 *                          made up without one
	 */
	public Router router() {
		Optional<TextEmbedderFactory> factory = plugins.embedderFactory();
		Built current = built;
		if (current != null && factory.isPresent() && current.factory() == factory.get()) {
			return current.router();
		}
		synchronized (this) {
			factory = plugins.embedderFactory();
			if (factory.isEmpty()) {
				throw unavailable("No embedding plugin is loaded. Install the embedding-minilm plugin (embedding-minilm.jar "
						+ "in the plugins directory) and restart.");
			}
			if (built == null || built.factory() != factory.get()) {
				Built replaced = built;
				TextEmbedder embedder = factory.get().create();
				built = new Built(new Router(embedder), factory.get(), embedder);
				LOG.infof("Router uses embedder %s", factory.get().id());
				if (replaced != null) {
					replaced.embedder().close();
				}
			}
			return built.router();
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
		if (built != null) {
			built.embedder().close();
		}
	}
}
