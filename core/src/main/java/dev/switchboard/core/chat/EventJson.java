package dev.switchboard.core.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.action.ActionRuntime;
import dev.switchboard.core.action.JobWatcher;
import dev.switchboard.sdk.model.TokenUsage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Builds the JSON of the AG-UI-style events a run emits. Field names follow the AG-UI protocol (threadId is the
 * conversation id), so AG-UI clients can read the stream as it is.
 */
@ApplicationScoped
public class EventJson {

	private final ObjectMapper mapper;

	public EventJson(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	String runStarted(UUID conversationId, UUID runId) {
		return write(event("RUN_STARTED").put("threadId", conversationId.toString()).put("runId", runId.toString()));
	}

	String textStart(UUID messageId) {
		return write(event("TEXT_MESSAGE_START").put("messageId", messageId.toString()).put("role", "assistant"));
	}

	String textContent(UUID messageId, String delta) {
		return write(event("TEXT_MESSAGE_CONTENT").put("messageId", messageId.toString()).put("delta", delta));
	}

	String textEnd(UUID messageId) {
		return write(event("TEXT_MESSAGE_END").put("messageId", messageId.toString()));
	}

	String toolCallStart(UUID messageId, String toolCallId, String name) {
		return write(event("TOOL_CALL_START").put("toolCallId", toolCallId).put("toolCallName", name)
				.put("parentMessageId", messageId.toString()));
	}

	String toolCallArgs(String toolCallId, String delta) {
		return write(event("TOOL_CALL_ARGS").put("toolCallId", toolCallId).put("delta", delta));
	}

	String toolCallEnd(String toolCallId) {
		return write(event("TOOL_CALL_END").put("toolCallId", toolCallId));
	}

	String toolCallResult(UUID messageId, String toolCallId, String content) {
		return write(event("TOOL_CALL_RESULT").put("messageId", messageId.toString()).put("toolCallId", toolCallId)
				.put("role", "tool").put("content", content));
	}

	/** Asks the user to approve an action; the token goes only to the client, never to the model. */
	String confirmationRequired(ActionRuntime.Proposed proposal) {
		ObjectNode event = event("CUSTOM").put("name", "confirmation_required");
		ObjectNode value = event.putObject("value").put("invocationId", proposal.invocationId().toString())
				.put("action", proposal.action().spec().name()).put("title", proposal.action().spec().title())
				.put("summary", proposal.summary())
				.put("effect", proposal.action().spec().effect().name())
				.put("expiresAt", proposal.expiresAt().toString()).put("approvalToken", proposal.approvalToken());
		value.set("arguments", proposal.arguments());
		return write(event);
	}

	/** A long-running action's job was accepted; a conversation event. */
	String jobStarted(JobWatcher.JobStarted job) {
		ObjectNode event = event("CUSTOM").put("name", ConversationEvents.JOB_STARTED);
		job(event, job.invocationId(), job.action(), job.jobId()).put("summary", job.summary());
		return write(event);
	}

	/** A job's new progress; {@code fraction} is null when the target system does not say. */
	String jobProgress(JobWatcher.JobProgressed job) {
		ObjectNode event = event("CUSTOM").put("name", ConversationEvents.JOB_PROGRESS);
		job(event, job.invocationId(), job.action(), job.jobId()).put("fraction", job.fraction())
				.put("message", job.message()).put("progress", job.progress());
		return write(event);
	}

	/** A job ended; its result is the assistant message {@code messageId}, whose text this carries too. */
	String jobFinished(JobWatcher.JobFinished job, UUID messageId, String text) {
		ObjectNode event = event("CUSTOM").put("name", ConversationEvents.JOB_FINISHED);
		job(event, job.invocationId(), job.action(), job.jobId()).put("status", job.status()).put("summary", job.summary())
				.put("messageId", messageId.toString()).put("text", text);
		return write(event);
	}

	private static ObjectNode job(ObjectNode event, UUID invocationId, String action, String jobId) {
		return event.putObject("value").put("invocationId", invocationId.toString()).put("action", action)
				.put("jobId", jobId);
	}

	String runFinished(UUID conversationId, UUID runId, UUID messageId, String backend, String model, TokenUsage usage,
			List<ChatRunner.Fallback> fallbacks, List<UUID> awaitingApproval, List<ClientToolCall> awaitingToolResults) {
		ObjectNode event = event("RUN_FINISHED").put("threadId", conversationId.toString()).put("runId", runId.toString());
		ObjectNode result = event.putObject("result").put("messageId", messageId.toString()).put("backend", backend)
				.put("model", model);
		result.putObject("usage").put("inputTokens", usage.inputTokens()).put("outputTokens", usage.outputTokens());
		fallbacks(result, fallbacks);
		if (!awaitingApproval.isEmpty()) {
			var ids = result.putArray("awaitingApproval");
			awaitingApproval.forEach(id -> ids.add(id.toString()));
		}
		if (!awaitingToolResults.isEmpty()) {
			// The client tools the caller should run now, with arguments already valid against their schemas.
			var list = result.putArray("awaitingToolResults");
			for (ClientToolCall call : awaitingToolResults) {
				list.addObject().put("toolCallId", call.toolCallId).put("toolCallName", call.name)
						.set("arguments", read(call.arguments));
			}
		}
		return write(event);
	}

	String runError(String code, String message) {
		return runError(code, message, List.of());
	}

	String runError(String code, String message, List<ChatRunner.Fallback> fallbacks) {
		ObjectNode event = event("RUN_ERROR").put("code", code).put("message", message);
		fallbacks(event, fallbacks);
		return write(event);
	}

	/** The backends that failed before their first token, in order, when any did. */
	private static void fallbacks(ObjectNode node, List<ChatRunner.Fallback> fallbacks) {
		if (!fallbacks.isEmpty()) {
			var list = node.putArray("fallbacks");
			fallbacks.forEach(f -> list.addObject().put("backend", f.backend()).put("code", f.code()));
		}
	}

	private com.fasterxml.jackson.databind.JsonNode read(String json) {
		try {
			return mapper.readTree(json);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	private ObjectNode event(String type) {
		return mapper.createObjectNode().put("type", type).put("timestamp", System.currentTimeMillis());
	}

	private String write(ObjectNode node) {
		try {
			return mapper.writeValueAsString(node);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}
}
