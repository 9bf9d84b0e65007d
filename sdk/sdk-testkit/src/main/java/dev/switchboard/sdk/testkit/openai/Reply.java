package dev.switchboard.sdk.testkit.openai;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One scripted answer of a {@link FakeOpenAiUpstream}: text chunks, tool calls, or an OpenAI error, optionally
 * delayed or cut short. Immutable; build one with a factory and refine it with the {@code with...} methods.
 *
 * <p>A text or tool-call reply answers a non-streaming request with one {@code chat.completion} object holding the
 * joined text, and a streaming one with one {@code chat.completion.chunk} per text chunk and per argument fragment.
 *
 * @param textChunks       the answer text, one element per streamed delta
 * @param toolCalls        tool calls the answer makes, in order
 * @param echoesUser       answer with the last user message's text instead of {@code textChunks}, one word per chunk
 * @param status           200 for an answer, or the HTTP status of an error reply
 * @param errorType        OpenAI's {@code error.type}, for an error reply
 * @param errorCode        OpenAI's {@code error.code}, for an error reply; may be {@code null}
 * @param errorMessage     OpenAI's {@code error.message}, for an error reply
 * @param retryAfter       the {@code Retry-After} header to send, or {@code null}
 * @param delay            how long to hang before the first byte (status line included)
 * @param cutAfter         for a stream, how many text chunks and argument fragments to send before the connection is
 *                         dropped without a finish chunk or {@code [DONE]}; negative for never
 * @param finishReason     the {@code finish_reason} to send, or {@code null} for {@code stop} / {@code tool_calls}
 * @param promptTokens     reported {@code usage.prompt_tokens}, or negative to derive it from the request's size
 * @param completionTokens reported {@code usage.completion_tokens}, or negative to derive it from the answer
 */
public record Reply(List<String> textChunks, List<ScriptedToolCall> toolCalls, boolean echoesUser, int status,
		String errorType, String errorCode, String errorMessage, String retryAfter, Duration delay, int cutAfter,
		String finishReason, int promptTokens, int completionTokens) {

	public Reply {
		textChunks = List.copyOf(textChunks);
		toolCalls = List.copyOf(toolCalls);
		Objects.requireNonNull(delay, "delay");
		if (status != 200 && status < 400) {
			throw new IllegalArgumentException("status must be 200 or an error status: " + status);
		}
	}

	/** An answer streamed as these text chunks. */
	public static Reply text(String... chunks) {
		return new Reply(Arrays.asList(chunks), List.of(), false, 200, null, null, null, null, Duration.ZERO, -1, null,
				-1, -1);
	}

	/** An answer that repeats the text of the request's last user message, one word per chunk. */
	public static Reply echo() {
		return new Reply(List.of(), List.of(), true, 200, null, null, null, null, Duration.ZERO, -1, null, -1, -1);
	}

	/** An answer that calls tools (finish reason {@code tool_calls}). */
	public static Reply toolCalls(ScriptedToolCall... calls) {
		return new Reply(List.of(), Arrays.asList(calls), false, 200, null, null, null, null, Duration.ZERO, -1, null,
				-1, -1);
	}

	/**
	 * An OpenAI error answer, with the {@code type} and {@code code} OpenAI sends for that status (e.g. 401
	 * {@code invalid_request_error}/{@code invalid_api_key}, 404 {@code model_not_found}, 429
	 * {@code rate_limit_exceeded}, 5xx {@code server_error}).
	 */
	public static Reply error(int status, String message) {
		if (status < 400) {
			throw new IllegalArgumentException("an error reply needs a status of 400 or above: " + status);
		}
		String type = switch (status) {
			case 429 -> "requests";
			default -> status >= 500 ? "server_error" : "invalid_request_error";
		};
		String code = switch (status) {
			case 401 -> "invalid_api_key";
			case 403 -> "unsupported_country_region_territory";
			case 404 -> "model_not_found";
			case 429 -> "rate_limit_exceeded";
			default -> null;
		};
		return error(status, type, code, message);
	}

	/** An OpenAI error answer with an explicit {@code type} and {@code code}. */
	public static Reply error(int status, String type, String code, String message) {
		return new Reply(List.of(), List.of(), false, status, type, code, message, null, Duration.ZERO, -1, null, -1,
				-1);
	}

	/** This reply with a {@code Retry-After} header (seconds or an HTTP date). */
	public Reply withRetryAfter(String header) {
		return new Reply(textChunks, toolCalls, echoesUser, status, errorType, errorCode, errorMessage, header, delay,
				cutAfter, finishReason, promptTokens, completionTokens);
	}

	/** This reply after hanging for {@code hang} before sending anything. */
	public Reply withDelay(Duration hang) {
		return new Reply(textChunks, toolCalls, echoesUser, status, errorType, errorCode, errorMessage, retryAfter, hang,
				cutAfter, finishReason, promptTokens, completionTokens);
	}

	/** This reply, streamed, with the connection dropped after {@code chunks} text chunks or argument fragments. */
	public Reply withCutAfter(int chunks) {
		return new Reply(textChunks, toolCalls, echoesUser, status, errorType, errorCode, errorMessage, retryAfter, delay,
				chunks, finishReason, promptTokens, completionTokens);
	}

	/** This reply with another {@code finish_reason}, e.g. {@code length} or {@code content_filter}. */
	public Reply withFinishReason(String reason) {
		return new Reply(textChunks, toolCalls, echoesUser, status, errorType, errorCode, errorMessage, retryAfter, delay,
				cutAfter, reason, promptTokens, completionTokens);
	}

	/** This reply reporting exactly this usage. */
	public Reply withUsage(int prompt, int completion) {
		return new Reply(textChunks, toolCalls, echoesUser, status, errorType, errorCode, errorMessage, retryAfter, delay,
				cutAfter, finishReason, prompt, completion);
	}

	/** Whether this is an error reply. */
	public boolean isError() {
		return status != 200;
	}

	/**
	 * A tool call a reply makes.
	 *
	 * @param id             the call id, e.g. {@code call_abc123}
	 * @param name           the function name
	 * @param argumentChunks the arguments JSON, split into the fragments a stream sends
	 */
	public record ScriptedToolCall(String id, String name, List<String> argumentChunks) {

		public ScriptedToolCall {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(name, "name");
			argumentChunks = List.copyOf(argumentChunks);
		}

		/** A tool call whose arguments stream as these fragments. */
		public static ScriptedToolCall of(String id, String name, String... argumentChunks) {
			return new ScriptedToolCall(id, name, Arrays.asList(argumentChunks));
		}

		/** The whole arguments JSON. */
		public String arguments() {
			return String.join("", argumentChunks);
		}
	}
}
