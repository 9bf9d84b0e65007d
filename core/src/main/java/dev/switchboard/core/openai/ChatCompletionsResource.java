package dev.switchboard.core.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.model.BackendHealth;
import dev.switchboard.core.model.ConfiguredBackend;
import dev.switchboard.core.model.ModelBackends;
import dev.switchboard.core.model.UpstreamProblems;
import dev.switchboard.core.problem.Problem;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.tenant.CurrentTenant;
import dev.switchboard.core.tenant.RateLimits;
import dev.switchboard.core.tenant.TenantAccess;
import dev.switchboard.core.usage.MeteredCall;
import dev.switchboard.core.usage.UsageMeter;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.model.CallContext;
import dev.switchboard.sdk.model.ChatCall;
import dev.switchboard.sdk.model.ChatResult;
import dev.switchboard.sdk.model.ChatStreamListener;
import dev.switchboard.sdk.model.ToolCallDelta;
import dev.switchboard.core.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OpenAI-compatible Chat Completions, so existing OpenAI SDKs can use Switchboard as their base URL. Stateless like
 * OpenAI's API: nothing is stored; the tenant's backends answer. Runs on virtual threads, since model calls block.
 */
@Path("/v1")
@Tag(name = "OpenAI-compatible", description = "Chat Completions and Models as OpenAI defines them")
@SecurityRequirement(name = "bearer")
@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.CHAT })
public class ChatCompletionsResource {

	private static final String EXAMPLE = """
			{"model":"auto","messages":[{"role":"user","content":"Say hello"}],"stream":false}""";

	private final TenantAccess tenants;
	private final SecurityIdentity identity;
	private final ModelBackends backends;
	private final ObjectMapper mapper;
	private final int maxImageBytes;
	private final Duration timeout;
	private final RateLimits rateLimits;
	private final UsageMeter usage;
	private final BackendHealth health;

	public ChatCompletionsResource(TenantAccess tenants, RateLimits rateLimits, UsageMeter usage, BackendHealth health,
			SecurityIdentity identity, ModelBackends backends,
			ObjectMapper mapper, @ConfigProperty(name = "switchboard.chat.max-image-bytes") int maxImageBytes,
			@ConfigProperty(name = "switchboard.chat.model-timeout") Duration timeout) {
		this.tenants = tenants;
		this.rateLimits = rateLimits;
		this.usage = usage;
		this.health = health;
		this.identity = identity;
		this.backends = backends;
		this.mapper = mapper;
		this.maxImageBytes = maxImageBytes;
		this.timeout = timeout;
	}

	@POST
	@Path("/chat/completions")
	@Consumes(MediaType.APPLICATION_JSON)
	@Produces({ MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS })
	@RunOnVirtualThread
	@Operation(summary = "Create a chat completion", description = "OpenAI's Chat Completions, streaming (SSE chunks, "
			+ "then 'data: [DONE]') or not. 'model' names a backend of the tenant, or the model a backend serves, or "
			+ "'auto' for the first backend able to serve the request. Images must be data: URLs.")
	@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "hello", value = EXAMPLE)))
	@APIResponse(responseCode = "200", description = "chat.completion, or chat.completion.chunk events when streaming")
	public Response complete(JsonNode body, @HeaderParam(CurrentTenant.HEADER) String tenantHeader) {
		try {
			if (body == null || !body.isObject()) {
				throw ProblemException.badRequest("invalid_request", "The body must be a JSON object.");
			}
			ChatCall call = OpenAiRequests.toCall(body, maxImageBytes);
			String model = body.path("model").asText("auto");
			// Awaited here: from the caches (the usual case) this takes no thread hop; what they miss goes to the database.
			Prepared prepared = ReactiveCalls.awaitHere(tenants.resolve(identity, tenantHeader)
					.call(id -> rateLimits.take(identity, id)).call(usage::checkBudget)
					.flatMap(tenantId -> choose(tenantId, model, call).map(candidates -> new Prepared(tenantId, candidates))));
			String tenantId = prepared.tenantId();
			// Ids for correlation, not secrets: a fast random source, not UUID's contended SecureRandom.
			String requestId = Long.toHexString(ThreadLocalRandom.current().nextLong());
			CallContext context = new CallContext(tenantId, requestId, timeout);
			boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean();
			// Each backend in turn until one answers; a failure after the first byte sent is not retried.
			for (Iterator<ConfiguredBackend> candidates = prepared.candidates().iterator();;) {
				ConfiguredBackend backend = candidates.next();
				OpenAiResponses responses = new OpenAiResponses(mapper, "chatcmpl-" + requestId, backend.info().model());
				try {
					if (body.path("stream").asBoolean(false)) {
						return stream(backend, call, context, responses, includeUsage);
					}
					ChatResult result = backend.backend().chat(call, context);
					health.succeeded(tenantId, backend.name());
					usage.record(tenantId, MeteredCall.of("answer", backend, result.model(), result.usage()));
					return Response.ok(responses.completion(result), MediaType.APPLICATION_JSON).build();
				} catch (PluginException e) {
					health.failed(tenantId, backend.name(), e);
					if (!candidates.hasNext()) {
						throw e;
					}
				}
			}
		} catch (ProblemException e) {
			return error(e.problem(), e.retryAfterSeconds().orElse(null));
		} catch (PluginException e) {
			return error(UpstreamProblems.of(e), UpstreamProblems.retryAfterSeconds(e).orElse(null));
		}
	}

	@GET
	@Path("/models")
	@Produces(MediaType.APPLICATION_JSON)
	@RunOnVirtualThread
	@Operation(summary = "List models", description = "'auto', the tenant's backend names and the models they serve.")
	public Response models(@HeaderParam(CurrentTenant.HEADER) String tenantHeader) {
		try {
			String tenantId = ReactiveCalls.awaitHere(tenants.resolve(identity, tenantHeader));
			Set<String> ids = new LinkedHashSet<>(List.of("auto"));
			for (ConfiguredBackend backend : ReactiveCalls.awaitHere(backends.forTenant(tenantId))) {
				ids.add(backend.name());
				ids.add(backend.info().model());
			}
			ObjectNode list = mapper.createObjectNode().put("object", "list");
			ArrayNode data = list.putArray("data");
			ids.forEach(id -> data.addObject().put("id", id).put("object", "model").put("created", 0)
					.put("owned_by", "switchboard"));
			return Response.ok(list, MediaType.APPLICATION_JSON).build();
		} catch (ProblemException e) {
			return error(e.problem(), null);
		}
	}

	private record Prepared(String tenantId, List<ConfiguredBackend> candidates) {
	}

	/** 'auto': every capable, healthy backend in order; otherwise the one backend named, or serving that model. */
	private Uni<List<ConfiguredBackend>> choose(String tenantId, String model, ChatCall call) {
		if ("auto".equals(model) || model.isBlank()) {
			return backends.candidates(tenantId, call, List.of());
		}
		return backends.forTenant(tenantId).map(all -> List.of(all.stream()
				.filter(b -> b.name().equals(model) || b.info().model().equals(model)).findFirst()
				.orElseThrow(() -> ProblemException.notFound("model_not_found", "Model", "No backend or model '" + model
						+ "' in this tenant; GET /v1/models lists them, or use 'auto'."))));
	}

	/** What the backend's stream produced, handed from its thread to the response writer. */
	private sealed interface Signal permits Text, Tool, Done, Failed {
	}

	private record Text(String delta) implements Signal {
	}

	private record Tool(ToolCallDelta delta) implements Signal {
	}

	private record Done(ChatResult result) implements Signal {
	}

	private record Failed(PluginException error) implements Signal {
	}

	/**
	 * Starts the upstream stream and waits for its first signal: a failure before any token still gets a proper HTTP
	 * error status; after that, chunks are written as they arrive.
	 */
	private Response stream(ConfiguredBackend backend, ChatCall call, CallContext context, OpenAiResponses responses,
			boolean includeUsage) {
		BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
		Thread.ofVirtual().name("v1-stream-" + context.requestId()).start(() -> {
			try {
				backend.backend().stream(call, context, new ChatStreamListener() {
					@Override
					public void onTextDelta(String delta) {
						signals.add(new Text(delta));
					}

					@Override
					public void onToolCallDelta(ToolCallDelta delta) {
						signals.add(new Tool(delta));
					}

					@Override
					public void onComplete(ChatResult result) {
						signals.add(new Done(result));
					}

					@Override
					public void onError(PluginException error) {
						signals.add(new Failed(error));
					}
				});
			} catch (PluginException e) {
				signals.add(new Failed(e));
			} catch (RuntimeException e) {
				signals.add(new Failed(new UpstreamUnavailableException("the model plugin failed", e)));
			}
		});
		Signal first = next(signals, context);
		if (first instanceof Failed failed) {
			throw failed.error(); // nothing was sent yet: the caller may try the next backend
		}
		health.succeeded(context.tenantId(), backend.name());
		StreamingOutput output = out -> {
			write(out, responses.roleChunk());
			Signal signal = first;
			while (true) {
				switch (signal) {
					case Text t -> write(out, responses.textChunk(t.delta()));
					case Tool t -> write(out, responses.toolCallChunk(t.delta()));
					case Done d -> {
						usage.record(context.tenantId(), MeteredCall.of("answer", backend, d.result().model(), d.result().usage()));
						write(out, responses.finishChunk(d.result().finishReason()));
						if (includeUsage) {
							write(out, responses.usageChunk(d.result().usage()));
						}
						out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
						out.flush();
						return;
					}
					case Failed f -> {
						health.failed(context.tenantId(), backend.name(), f.error());
						// Mid-stream failures are sent the way OpenAI sends them: an error object, then the stream ends.
						write(out, responses.error(UpstreamProblems.of(f.error())));
						return;
					}
				}
				signal = next(signals, context);
			}
		};
		return Response.ok(output, MediaType.SERVER_SENT_EVENTS).header("Cache-Control", "no-cache").build();
	}

	private static Signal next(BlockingQueue<Signal> signals, CallContext context) {
		try {
			Signal signal = signals.poll(context.timeout().toMillis(), TimeUnit.MILLISECONDS);
			return signal != null ? signal
					: new Failed(new dev.switchboard.sdk.error.UpstreamTimeoutException(
							"the model did not answer within " + context.timeout().toSeconds() + " s"));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Failed(new UpstreamUnavailableException("interrupted", e));
		}
	}

	private void write(OutputStream out, ObjectNode chunk) throws IOException {
		try {
			out.write(("data: " + mapper.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
		} catch (JsonProcessingException e) {
			throw new IOException(e);
		}
	}

	private Response error(Problem problem, Long retryAfterSeconds) {
		OpenAiResponses shape = new OpenAiResponses(mapper, null, null);
		Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE)
				.entity(shape.error(problem));
		if (retryAfterSeconds != null) {
			response.header("Retry-After", retryAfterSeconds);
		}
		return response.build();
	}
}
