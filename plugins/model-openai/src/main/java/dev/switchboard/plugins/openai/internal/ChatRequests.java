package dev.switchboard.plugins.openai.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.model.ChatCall;
import dev.switchboard.sdk.model.ChatMessage;
import dev.switchboard.sdk.model.ContentPart;
import dev.switchboard.sdk.model.ToolCall;
import dev.switchboard.sdk.model.ToolDefinition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes an SDK {@link ChatCall} as an OpenAI Chat Completions request body. Stateless. */
public final class ChatRequests {


	private ChatRequests() {
	}

	/** The request body for {@code call}; a streaming one asks for the usage chunk at the end. */
	public static byte[] body(String model, ChatCall call, boolean stream) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(512);
		try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringField("model", model);
			json.writeArrayFieldStart("messages");
			for (ChatMessage message : call.messages()) {
				message(json, message);
			}
			json.writeEndArray();
			if (!call.tools().isEmpty()) {
				json.writeArrayFieldStart("tools");
				for (ToolDefinition tool : call.tools()) {
					tool(json, tool);
				}
				json.writeEndArray();
			}
			if (call.temperature() != null) {
				json.writeNumberField("temperature", call.temperature());
			}
			if (call.maxOutputTokens() != null) {
				// max_tokens rather than max_completion_tokens: every OpenAI-compatible server understands it.
				json.writeNumberField("max_tokens", call.maxOutputTokens());
			}
			if (stream) {
				json.writeBooleanField("stream", true);
				json.writeObjectFieldStart("stream_options");
				json.writeBooleanField("include_usage", true);
				json.writeEndObject();
			}
			json.writeEndObject();
		} catch (IOException e) {
			throw new UncheckedIOException("cannot write to memory", e);
		}
		return out.toByteArray();
	}

	private static void message(JsonGenerator json, ChatMessage message) throws IOException {
		json.writeStartObject();
		switch (message.role()) {
			case SYSTEM -> {
				json.writeStringField("role", "system");
				json.writeStringField("content", message.text());
			}
			case USER -> {
				json.writeStringField("role", "user");
				if (message.hasImage()) {
					parts(json, message);
				} else {
					json.writeStringField("content", message.text());
				}
			}
			case ASSISTANT -> assistant(json, message);
			case TOOL -> {
				json.writeStringField("role", "tool");
				json.writeStringField("tool_call_id", message.toolCallId());
				json.writeStringField("content", message.text());
			}
		}
		json.writeEndObject();
	}

	private static void parts(JsonGenerator json, ChatMessage message) throws IOException {
		json.writeArrayFieldStart("content");
		for (ContentPart part : message.parts()) {
			json.writeStartObject();
			switch (part) {
				case ContentPart.Text text -> {
					json.writeStringField("type", "text");
					json.writeStringField("text", text.text());
				}
				case ContentPart.Image image -> {
					json.writeStringField("type", "image_url");
					json.writeObjectFieldStart("image_url");
					json.writeStringField("url", image.dataUrl());
					json.writeEndObject();
				}
			}
			json.writeEndObject();
		}
		json.writeEndArray();
	}

	private static void assistant(JsonGenerator json, ChatMessage message) throws IOException {
		json.writeStringField("role", "assistant");
		if (!message.parts().isEmpty() || message.toolCalls().isEmpty()) {
			json.writeStringField("content", message.text());
		}
		if (message.toolCalls().isEmpty()) {
			return;
		}
		json.writeArrayFieldStart("tool_calls");
		for (ToolCall call : message.toolCalls()) {
			json.writeStartObject();
			json.writeStringField("id", call.id());
			json.writeStringField("type", "function");
			json.writeObjectFieldStart("function");
			json.writeStringField("name", call.name());
			json.writeStringField("arguments", call.arguments());
			json.writeEndObject();
			json.writeEndObject();
		}
		json.writeEndArray();
	}

	// The schema goes through as given, whatever JSON Schema keywords it uses.
	private static void tool(JsonGenerator json, ToolDefinition tool) throws IOException {
		json.writeStartObject();
		json.writeStringField("type", "function");
		json.writeObjectFieldStart("function");
		json.writeStringField("name", tool.name());
		json.writeStringField("description", tool.description());
		json.writeFieldName("parameters");
		json.writeTree(schema(tool));
		json.writeEndObject();
		json.writeEndObject();
	}

	private static JsonNode schema(ToolDefinition tool) {
		try {
			JsonNode schema = Json.MAPPER.readTree(tool.parametersSchema());
			if (schema != null && schema.isObject()) {
				return schema;
			}
		} catch (IOException notJson) {
			// reported below
		}
		throw new InvalidRequestException("the parameters schema of tool " + tool.name() + " is not a JSON object");
	}
}
