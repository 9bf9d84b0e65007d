package dev.switchboard.core.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.sdk.model.ChatCall;
import dev.switchboard.sdk.model.ChatMessage;
import dev.switchboard.sdk.model.ContentPart;
import dev.switchboard.sdk.model.ToolCall;
import dev.switchboard.sdk.model.ToolDefinition;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an OpenAI Chat Completions request body into a {@link ChatCall}. Accepts what the official clients send
 * (string or part-array content, {@code image_url} parts, tools, tool results); images must be {@code data:} URLs,
 * since Switchboard never fetches a URL a client names.
 */
final class OpenAiRequests {

	private static final Pattern DATA_URL = Pattern.compile("data:(image/(?:png|jpeg|webp|gif));base64,(.+)", Pattern.DOTALL);

	private OpenAiRequests() {
	}

	static ChatCall toCall(JsonNode body, int maxImageBytes) {
		JsonNode messages = body.path("messages");
		if (!messages.isArray() || messages.isEmpty()) {
			throw invalid("messages", "must be a non-empty array of messages");
		}
		List<ChatMessage> call = new ArrayList<>();
		for (int i = 0; i < messages.size(); i++) {
			call.add(message(messages.get(i), "messages[" + i + "]", maxImageBytes));
		}
		List<ToolDefinition> tools = new ArrayList<>();
		JsonNode toolsNode = body.path("tools");
		for (int i = 0; i < toolsNode.size(); i++) {
			JsonNode function = toolsNode.get(i).path("function");
			String name = function.path("name").asText(null);
			if (name == null || !name.matches("[a-zA-Z0-9_-]{1,64}")) {
				throw invalid("tools[" + i + "].function.name", "must match [a-zA-Z0-9_-]{1,64}");
			}
			tools.add(new ToolDefinition(name, function.path("description").asText(""),
					function.has("parameters") ? function.get("parameters").toString() : null));
		}
		Double temperature = body.hasNonNull("temperature") ? body.get("temperature").asDouble() : null;
		JsonNode max = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
		return new ChatCall(call, tools, temperature, max == null || max.isNull() ? null : max.asInt());
	}

	private static ChatMessage message(JsonNode node, String at, int maxImageBytes) {
		String role = node.path("role").asText("");
		return switch (role) {
			case "system", "developer" -> ChatMessage.system(text(node.path("content"), at));
			case "user" -> ChatMessage.user(parts(node.path("content"), at, maxImageBytes));
			case "assistant" -> {
				List<ToolCall> calls = new ArrayList<>();
				JsonNode toolCalls = node.path("tool_calls");
				for (int i = 0; i < toolCalls.size(); i++) {
					JsonNode c = toolCalls.get(i);
					calls.add(new ToolCall(c.path("id").asText(), c.path("function").path("name").asText(),
							c.path("function").path("arguments").asText("")));
				}
				String text = node.path("content").isNull() || node.path("content").isMissingNode() ? ""
						: text(node.path("content"), at);
				yield new ChatMessage(ChatMessage.Role.ASSISTANT,
						text.isEmpty() ? List.of() : List.of(new ContentPart.Text(text)), calls, null);
			}
			case "tool" -> {
				if (!node.hasNonNull("tool_call_id")) {
					throw invalid(at + ".tool_call_id", "is required on a tool message");
				}
				yield ChatMessage.toolResult(node.get("tool_call_id").asText(), text(node.path("content"), at));
			}
			default -> throw invalid(at + ".role", "must be system, developer, user, assistant or tool");
		};
	}

	private static String text(JsonNode content, String at) {
		if (content.isTextual()) {
			return content.asText();
		}
		if (content.isArray()) {
			StringBuilder text = new StringBuilder();
			content.forEach(p -> text.append(p.path("text").asText("")));
			return text.toString();
		}
		throw invalid(at + ".content", "must be a string or an array of text parts");
	}

	private static List<ContentPart> parts(JsonNode content, String at, int maxImageBytes) {
		if (content.isTextual()) {
			return List.of(new ContentPart.Text(content.asText()));
		}
		if (!content.isArray() || content.isEmpty()) {
			throw invalid(at + ".content", "must be a string or a non-empty array of parts");
		}
		List<ContentPart> parts = new ArrayList<>();
		for (int i = 0; i < content.size(); i++) {
			JsonNode part = content.get(i);
			String where = at + ".content[" + i + "]";
			switch (part.path("type").asText("")) {
				case "text" -> parts.add(new ContentPart.Text(part.path("text").asText("")));
				case "image_url" -> parts.add(image(part.path("image_url").path("url").asText(""), where, maxImageBytes));
				default -> throw invalid(where + ".type", "must be text or image_url");
			}
		}
		return parts;
	}

	private static ContentPart.Image image(String url, String at, int maxImageBytes) {
		Matcher m = DATA_URL.matcher(url);
		if (!m.matches()) {
			throw invalid(at + ".image_url.url", "must be a data: URL of a png, jpeg, webp or gif image "
					+ "(Switchboard does not fetch remote URLs)");
		}
		byte[] bytes;
		try {
			bytes = Base64.getMimeDecoder().decode(m.group(2));
		} catch (IllegalArgumentException e) {
			throw invalid(at + ".image_url.url", "is not valid base64");
		}
		if (bytes.length > maxImageBytes) {
			throw new ProblemException(413, "image_too_large", "Image too large",
					at + " is larger than the limit of " + maxImageBytes + " bytes.");
		}
		return new ContentPart.Image(m.group(1), bytes);
	}

	private static ProblemException invalid(String field, String problem) {
		return ProblemException.invalid("Field '" + field + "' " + problem + ".", java.util.Map.of(field, problem));
	}
}
