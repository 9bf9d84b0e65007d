package dev.switchboard.core.chat;

import dev.switchboard.sdk.model.ChatMessage;
import java.util.List;
import java.util.UUID;

/**
 * A run whose user message is persisted and which is ready to execute.
 *
 * @param history the conversation as the model will see it, ending with the new user message
 */
record PreparedRun(String tenantId, UUID conversationId, UUID runId, UUID userMessageId, UUID assistantMessageId,
		List<ChatMessage> history) {
}
