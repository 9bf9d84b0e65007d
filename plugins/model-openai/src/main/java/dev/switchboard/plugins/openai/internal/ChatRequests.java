package dev.switchboard.plugins.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionSystemMessageParam;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.model.ChatCall;
import dev.switchboard.sdk.model.ChatMessage;
import dev.switchboard.sdk.model.ContentPart;
import dev.switchboard.sdk.model.ToolCall;
import dev.switchboard.sdk.model.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps an SDK {@link ChatCall} to an OpenAI Chat Completions request. Stateless. */
public final class ChatRequests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private ChatRequests() {
	}

	/** The request for {@code call}; a streaming one asks for the usage chunk at the end. */
	public static ChatCompletionCreateParams params(String model, ChatCall call, boolean stream) {
		ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model(model);
		call.messages().forEach(message -> add(params, message));
		call.tools().forEach(tool -> params.addTool(tool(tool)));
		if (call.temperature() != null) {
			params.temperature(call.temperature());
		}
		if (call.maxOutputTokens() != null) {
			// max_tokens rather than max_completion_tokens: every OpenAI-compatible server understands it.
			params.maxTokens(call.maxOutputTokens().longValue());
		}
		if (stream) {
			params.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
		}
		return params.build();
	}

	private static void add(ChatCompletionCreateParams.Builder params, ChatMessage message) {
		switch (message.role()) {
			case SYSTEM -> params.addMessage(ChatCompletionSystemMessageParam.builder().content(message.text()).build());
			case USER -> params.addMessage(user(message));
			case ASSISTANT -> params.addMessage(assistant(message));
			case TOOL -> params.addMessage(ChatCompletionToolMessageParam.builder().toolCallId(message.toolCallId())
					.content(message.text()).build());
		}
	}

	private static ChatCompletionUserMessageParam user(ChatMessage message) {
		if (!message.hasImage()) {
			return ChatCompletionUserMessageParam.builder().content(message.text()).build();
		}
		List<ChatCompletionContentPart> parts = message.parts().stream().map(part -> switch (part) {
			case ContentPart.Text text -> ChatCompletionContentPart
					.ofText(ChatCompletionContentPartText.builder().text(text.text()).build());
			case ContentPart.Image image -> ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage
					.builder().imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(image.dataUrl()).build())
					.build());
		}).toList();
		return ChatCompletionUserMessageParam.builder().contentOfArrayOfContentParts(parts).build();
	}

	private static ChatCompletionAssistantMessageParam assistant(ChatMessage message) {
		ChatCompletionAssistantMessageParam.Builder assistant = ChatCompletionAssistantMessageParam.builder();
		if (!message.parts().isEmpty() || message.toolCalls().isEmpty()) {
			assistant.content(message.text());
		}
		for (ToolCall call : message.toolCalls()) {
			assistant.addToolCall(ChatCompletionMessageFunctionToolCall.builder().id(call.id())
					.function(ChatCompletionMessageFunctionToolCall.Function.builder().name(call.name())
							.arguments(call.arguments()).build())
					.build());
		}
		return assistant.build();
	}

	private static ChatCompletionFunctionTool tool(ToolDefinition tool) {
		// The schema goes through as given: openai-java takes arbitrary JSON Schema keywords as parameters.
		Map<String, JsonValue> schema = new LinkedHashMap<>();
		parseSchema(tool).forEach((key, value) -> schema.put(key, JsonValue.from(value)));
		return ChatCompletionFunctionTool.builder()
				.function(FunctionDefinition.builder().name(tool.name()).description(tool.description())
						.parameters(FunctionParameters.builder().additionalProperties(schema).build()).build())
				.build();
	}

	private static Map<String, Object> parseSchema(ToolDefinition tool) {
		try {
			return JSON.readValue(tool.parametersSchema(), new TypeReference<>() {
			});
		} catch (JsonProcessingException e) {
			throw new InvalidRequestException("the parameters schema of tool " + tool.name() + " is not a JSON object");
		}
	}
}
