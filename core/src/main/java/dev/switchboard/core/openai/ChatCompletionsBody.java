package dev.switchboard.core.openai;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the body of {@code POST /v1/chat/completions} into memory on the event loop, where Quarkus places its own body
 * handler. Quarkus REST hands an endpoint that runs on a virtual thread its body through a blocking stream instead,
 * fed chunk by chunk from the event loop with a thread wake-up each time: about 7 % of the app's CPU samples in the
 * gateway benchmark's profile (bench/gateway). Given a body already read, Quarkus REST parses it from memory.
 */
@ApplicationScoped
class ChatCompletionsBody {

	void readOnEventLoop(@Observes Router router,
			@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
		router.post("/v1/chat/completions").order(RouteConstants.ROUTE_ORDER_BODY_HANDLER)
				.handler(BodyHandler.create(false).setBodyLimit(maxBodySize.asLongValue()));
	}
}
