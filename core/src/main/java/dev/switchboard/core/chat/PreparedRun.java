package dev.switchboard.core.chat;

import dev.switchboard.core.routing.RouteDecision;
import dev.switchboard.core.routing.Turn;
import dev.switchboard.sdk.model.ChatMessage;
import java.util.List;
import java.util.UUID;

/**
 * A run whose user message is persisted and which is ready to execute.
 *
 * @param history  the conversation as the model will see it, ending with the new user message; empty for a run that
 *                 continues a reply, which builds it once the reply's calls have their outcomes
 * @param turn     what the router sees of the new message
 * @param previous the route of the conversation's previous answer, or null
 * @param endUserId the widget end user the conversation belongs to, or null
 * @param sealedEndUserToken the verified end user's identity token, encrypted, or null
 * @param clientTools the tools the caller declared for this run, which the browser runs
 */
record PreparedRun(String tenantId, UUID conversationId, UUID runId, UUID userMessageId, UUID assistantMessageId,
		List<ChatMessage> history, Turn turn, RouteDecision previous, String endUserId, String sealedEndUserToken,
		List<ClientTools.ClientTool> clientTools) {
}
