package dev.switchboard.core.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.model.ConfiguredBackend;
import dev.switchboard.core.model.ModelBackends;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RoutingSettings;
import dev.switchboard.core.routing.TenantRouting;
import dev.switchboard.core.usage.MeteredCall;
import dev.switchboard.core.usage.UsageMeter;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.model.CallContext;
import dev.switchboard.sdk.model.Capability;
import dev.switchboard.sdk.model.ChatCall;
import dev.switchboard.sdk.model.ChatMessage;
import dev.switchboard.sdk.model.ChatResult;
import dev.switchboard.sdk.model.ContentPart;
import dev.switchboard.sdk.model.ToolCall;
import dev.switchboard.sdk.model.ToolDefinition;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The built-in tools a {@code reasoning} model gets to delegate: looking at an image of the conversation with the
 * tenant's {@code vision} backend, and handing a routine sub-task (summarise, translate, extract) to its {@code small}
 * backend. Each delegated call is metered and shows in the turn's trace with its model, tokens and cost.
 */
@ApplicationScoped
public class Delegation {

	static final String LOOK_AT_IMAGE = "look_at_image";
	static final String DELEGATE_ROUTINE_TASK = "delegate_routine_task";
	/** Names no client-side tool may take. */
	static final java.util.Set<String> TOOL_NAMES = java.util.Set.of(LOOK_AT_IMAGE, DELEGATE_ROUTINE_TASK);

	private static final ToolDefinition IMAGE_TOOL = new ToolDefinition(LOOK_AT_IMAGE, "Ask the vision model about the "
			+ "latest image the user sent in this conversation. Use it when you need to know what the image shows.",
			"{\"type\":\"object\",\"properties\":{\"question\":{\"type\":\"string\",\"description\":\"What to look for "
					+ "or describe\"}},\"required\":[\"question\"],\"additionalProperties\":false}");
	private static final ToolDefinition ROUTINE_TOOL = new ToolDefinition(DELEGATE_ROUTINE_TASK, "Hand a routine "
			+ "sub-task (summarise, translate, extract fields, reformat) to a fast, cheap model and get its result.",
			"{\"type\":\"object\",\"properties\":{\"task\":{\"type\":\"string\",\"enum\":[\"summarise\",\"translate\","
					+ "\"extract\",\"reformat\"]},\"instructions\":{\"type\":\"string\"},\"text\":{\"type\":\"string\"}},"
					+ "\"required\":[\"task\",\"instructions\",\"text\"],\"additionalProperties\":false}");

	private final TenantRouting routing;
	private final ModelBackends backends;
	private final AttachmentRepository attachments;
	private final UsageMeter usage;
	private final ObjectMapper mapper;
	private final Duration timeout;

	public Delegation(TenantRouting routing, ModelBackends backends, AttachmentRepository attachments, UsageMeter usage,
			ObjectMapper mapper, @ConfigProperty(name = "switchboard.chat.model-timeout") Duration timeout) {
		this.routing = routing;
		this.backends = backends;
		this.attachments = attachments;
		this.usage = usage;
		this.mapper = mapper;
		this.timeout = timeout;
	}

	/** The delegation tools the tenant's role map allows: a mapped vision role, a mapped small role. */
	List<ToolDefinition> tools(String tenantId) {
		RoutingSettings settings = ReactiveCalls.await(() -> routing.forTenant(tenantId));
		List<ToolDefinition> tools = new ArrayList<>();
		if (!settings.backendsOf(Route.VISION).isEmpty()) {
			tools.add(IMAGE_TOOL);
		}
		if (!settings.backendsOf(Route.SMALL).isEmpty()) {
			tools.add(ROUTINE_TOOL);
		}
		return tools;
	}

	/** Whether the call is one of the delegation tools. */
	static boolean handles(ToolCall call) {
		return LOOK_AT_IMAGE.equals(call.name()) || DELEGATE_ROUTINE_TASK.equals(call.name());
	}

	/**
	 * Runs a delegation and returns what the reasoning model is told. The delegated call is added to {@code calls}.
	 */
	String run(PreparedRun run, ToolCall call, List<MeteredCall> calls) {
		JsonNode arguments;
		try {
			arguments = mapper.readTree(call.arguments().isBlank() ? "{}" : call.arguments());
		} catch (JsonProcessingException e) {
			return error("invalid_arguments", "The arguments are not valid JSON.");
		}
		RoutingSettings settings = ReactiveCalls.await(() -> routing.forTenant(run.tenantId()));
		if (LOOK_AT_IMAGE.equals(call.name())) {
			Attachment image = ReactiveCalls.await(() -> Panache.withSession(() -> attachments
					.find("conversationId = ?1 and tenantId = ?2 order by createdAt desc", run.conversationId(), run.tenantId())
					.firstResult()));
			if (image == null) {
				return error("no_image", "The user has not sent an image in this conversation.");
			}
			ChatMessage question = ChatMessage.user(List.of(
					new ContentPart.Text(arguments.path("question").asText("Describe the image.")),
					new ContentPart.Image(image.mediaType, image.data)));
			return delegate(run, Route.VISION, settings, ChatCall.of(List.of(question)), "delegate_vision", calls);
		}
		ChatCall task = ChatCall.of(List.of(
				ChatMessage.system("Do this " + arguments.path("task").asText("routine") + " task. Answer with the result only. "
						+ arguments.path("instructions").asText("")),
				ChatMessage.user(arguments.path("text").asText(""))));
		return delegate(run, Route.SMALL, settings, task, "delegate_small", calls);
	}

	private String delegate(PreparedRun run, Route role, RoutingSettings settings, ChatCall call, String purpose,
			List<MeteredCall> calls) {
		List<ConfiguredBackend> candidates;
		try {
			candidates = ReactiveCalls.await(() -> backends.candidates(run.tenantId(), call, settings.backendsOf(role)));
		} catch (RuntimeException e) {
			return error("no_capable_model", "No " + role.id() + " backend can take this task.");
		}
		for (ConfiguredBackend backend : candidates) {
			if (role == Route.VISION && !backend.info().can(Capability.VISION)) {
				continue;
			}
			try {
				ChatResult result = backend.backend().chat(call, new CallContext(run.tenantId(), run.runId() + "-" + purpose, timeout));
				MeteredCall metered = MeteredCall.of(purpose, backend, result.model(), result.usage());
				usage.record(run.tenantId(), metered);
				calls.add(metered);
				return mapper.createObjectNode().put("status", "succeeded").put("model", metered.model())
						.put("result", result.text()).toString();
			} catch (PluginException e) {
				// The next backend of the role may still answer.
			}
		}
		return error("delegation_failed", "The " + role.id() + " model could not answer.");
	}

	private String error(String code, String message) {
		return mapper.createObjectNode().put("status", "error").put("code", code).put("message", message).toString();
	}
}
