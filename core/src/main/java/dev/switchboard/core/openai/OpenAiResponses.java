package dev.switchboard.core.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.problem.Problem;
import dev.switchboard.sdk.model.ChatResult;
import dev.switchboard.sdk.model.FinishReason;
import dev.switchboard.sdk.model.TokenUsage;
import dev.switchboard.sdk.model.ToolCall;
import dev.switchboard.sdk.model.ToolCallDelta;

/** Writes OpenAI Chat Completions responses, chunks and errors, field for field as OpenAI documents them. */
final class OpenAiResponses {

	private final ObjectMapper mapper;
	private final String id;
	private final long created;
	private final String model;

	OpenAiResponses(ObjectMapper mapper, String id, String model) {
		this.mapper = mapper;
		this.id = id;
		this.created = System.currentTimeMillis() / 1000;
		this.model = model;
	}

	ObjectNode completion(ChatResult result) {
		ObjectNode body = head("chat.completion", result.model());
		ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
		ObjectNode message = choice.putObject("message").put("role", "assistant");
		if (result.text().isEmpty() && !result.toolCalls().isEmpty()) {
			message.putNull("content");
		} else {
			message.put("content", result.text());
		}
		if (!result.toolCalls().isEmpty()) {
			ArrayNode calls = message.putArray("tool_calls");
			for (ToolCall call : result.toolCalls()) {
				calls.addObject().put("id", call.id()).put("type", "function").putObject("function")
						.put("name", call.name()).put("arguments", call.arguments());
			}
		}
		choice.put("finish_reason", finishReason(result.finishReason()));
		usage(body, result.usage());
		return body;
	}

	/** The first chunk: the assistant role, no content yet. */
	ObjectNode roleChunk() {
		ObjectNode chunk = chunk(null);
		((ObjectNode) chunk.get("choices").get(0).get("delta")).put("role", "assistant").put("content", "");
		return chunk;
	}

	ObjectNode textChunk(String delta) {
		ObjectNode chunk = chunk(null);
		((ObjectNode) chunk.get("choices").get(0).get("delta")).put("content", delta);
		return chunk;
	}

	ObjectNode toolCallChunk(ToolCallDelta delta) {
		ObjectNode chunk = chunk(null);
		ObjectNode call = ((ObjectNode) chunk.get("choices").get(0).get("delta")).putArray("tool_calls").addObject()
				.put("index", delta.index());
		if (delta.id() != null) {
			call.put("id", delta.id()).put("type", "function");
		}
		ObjectNode function = call.putObject("function");
		if (delta.name() != null) {
			function.put("name", delta.name());
		}
		function.put("arguments", delta.argumentsDelta() == null ? "" : delta.argumentsDelta());
		return chunk;
	}

	ObjectNode finishChunk(FinishReason reason) {
		return chunk(finishReason(reason));
	}

	/** The usage chunk sent when the client asked for {@code stream_options.include_usage}: no choices. */
	ObjectNode usageChunk(TokenUsage usage) {
		ObjectNode chunk = head("chat.completion.chunk", model);
		chunk.putArray("choices");
		usage(chunk, usage);
		return chunk;
	}

	/**
	 * A problem+json body that OpenAI clients also understand: RFC 9457 members plus OpenAI's {@code error} object.
	 */
	ObjectNode error(Problem problem) {
		ObjectNode body = mapper.valueToTree(problem);
		body.putObject("error").put("message", problem.detail()).put("type", errorType(problem.status()))
				.putNull("param").put("code", problem.code());
		return body;
	}

	private ObjectNode chunk(String finishReason) {
		ObjectNode chunk = head("chat.completion.chunk", model);
		ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
		choice.putObject("delta");
		if (finishReason == null) {
			choice.putNull("finish_reason");
		} else {
			choice.put("finish_reason", finishReason);
		}
		return chunk;
	}

	private ObjectNode head(String object, String answeredBy) {
		return mapper.createObjectNode().put("id", id).put("object", object).put("created", created)
				.put("model", answeredBy == null ? model : answeredBy);
	}

	private static void usage(ObjectNode body, TokenUsage usage) {
		body.putObject("usage").put("prompt_tokens", usage.inputTokens()).put("completion_tokens", usage.outputTokens())
				.put("total_tokens", usage.totalTokens());
	}

	private static String finishReason(FinishReason reason) {
		return switch (reason) {
			case STOP, OTHER -> "stop";
			case LENGTH -> "length";
			case TOOL_CALLS -> "tool_calls";
			case CONTENT_FILTER -> "content_filter";
		};
	}

	private static String errorType(int status) {
		return switch (status) {
			case 401 -> "authentication_error";
			case 403 -> "permission_error";
			case 404 -> "not_found_error";
			case 429 -> "rate_limit_error";
			default -> status >= 500 ? "api_error" : "invalid_request_error";
		};
	}
}
