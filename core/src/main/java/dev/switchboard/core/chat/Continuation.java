package dev.switchboard.core.chat;

import java.util.List;
import java.util.UUID;

/**
 * What an outcome of one call of a waiting reply (a decision, a client tool's result) led to: the run that continues
 * the reply, or the reply still waiting for its other calls.
 */
sealed interface Continuation {

	/**
	 * The run that continues the reply.
	 *
	 * @param resumption what to start after the commit, when this outcome created the run; null when an outcome that
	 *                   arrived at the same time did
	 */
	record Started(UUID runId, UUID conversationId, UUID userMessageId, UUID assistantMessageId,
			ChatRunner.Resumption resumption) implements Continuation {

		static Started of(Run run) {
			return new Started(run.id, run.conversationId, run.userMessageId, run.assistantMessageId, null);
		}
	}

	/** Every call of the reply has no outcome yet: these approvals (invocation ids) and client tool results (call ids). */
	record Waiting(UUID conversationId, List<UUID> awaitingApproval, List<String> awaitingToolResults) implements Continuation {
	}
}
