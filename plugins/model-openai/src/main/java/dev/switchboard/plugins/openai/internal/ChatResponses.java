package dev.switchboard.plugins.openai.internal;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.completions.CompletionUsage;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.model.ChatResult;
import dev.switchboard.sdk.model.FinishReason;
import dev.switchboard.sdk.model.TokenUsage;
import dev.switchboard.sdk.model.ToolCall;
import java.util.List;

/** Maps OpenAI Chat Completions answers to SDK results. Stateless. */
public final class ChatResponses {

	private ChatResponses() {
	}

	/** The result of a non-streaming answer. */
	public static ChatResult result(ChatCompletion completion) {
		if (completion.choices().isEmpty()) {
			throw new UpstreamUnavailableException("the upstream answered without a choice");
		}
		ChatCompletion.Choice choice = completion.choices().get(0);
		ChatCompletionMessage message = choice.message();
		List<ToolCall> calls = message.toolCalls().orElse(List.of()).stream()
				.filter(ChatCompletionMessageToolCall::isFunction).map(ChatCompletionMessageToolCall::asFunction)
				.map(call -> new ToolCall(call.id(), call.function().name(), call.function().arguments())).toList();
		return new ChatResult(message.content().orElse(""), calls, finishReason(choice.finishReason().asString()),
				completion.usage().map(ChatResponses::usage).orElse(TokenUsage.UNKNOWN),
				completion._model().asString().orElse(null));
	}

	static TokenUsage usage(CompletionUsage usage) {
		return new TokenUsage(usage.promptTokens(), usage.completionTokens());
	}

	static FinishReason finishReason(String reason) {
		return switch (reason) {
			case "stop" -> FinishReason.STOP;
			case "length" -> FinishReason.LENGTH;
			case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
			case "content_filter" -> FinishReason.CONTENT_FILTER;
			default -> FinishReason.OTHER;
		};
	}
}
