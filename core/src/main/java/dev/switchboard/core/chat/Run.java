package dev.switchboard.core.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One assistant turn: from the user's message to the persisted answer, with its event stream. */
@Entity
public class Run {

	public static final String RUNNING = "running";
	public static final String FINISHED = "finished";
	public static final String FAILED = "failed";
	public static final String INTERRUPTED = "interrupted";

	@Id
	public UUID id;

	@Column(name = "tenant_id")
	public String tenantId;

	@Column(name = "conversation_id")
	public UUID conversationId;

	@Column(name = "user_message_id")
	public UUID userMessageId;

	@Column(name = "assistant_message_id")
	public UUID assistantMessageId;

	/** The run whose reply this one continues, once every tool call of that reply had its outcome; null for a new message. */
	public UUID continues;

	public String status;

	@Column(name = "error_code")
	public String errorCode;

	@Column(name = "created_at")
	public OffsetDateTime createdAt;

	@Column(name = "heartbeat_at")
	public OffsetDateTime heartbeatAt;

	@Column(name = "finished_at")
	public OffsetDateTime finishedAt;
}
