package dev.switchboard.core.action;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * One invocation of an action: its state (proposed → approved → running → succeeded | failed | outcome_unknown, or
 * proposed → rejected | expired) and its audit record.
 */
@Entity
@Table(name = "action_invocation")
public class ActionInvocation {

	public static final String PROPOSED = "proposed";
	public static final String APPROVED = "approved";
	public static final String REJECTED = "rejected";
	public static final String EXPIRED = "expired";
	public static final String RUNNING = "running";
	public static final String SUCCEEDED = "succeeded";
	public static final String FAILED = "failed";
	public static final String OUTCOME_UNKNOWN = "outcome_unknown";

	@Id
	public UUID id;

	@Column(name = "tenant_id")
	public String tenantId;

	@Column(name = "conversation_id")
	public UUID conversationId;

	@Column(name = "run_id")
	public UUID runId;

	@Column(name = "end_user_id")
	public String endUserId;

	public String connector;

	public String action;

	public String effect;

	@Column(name = "tool_call_id")
	public String toolCallId;

	/** The arguments as the audit shows them, secret-looking fields redacted. */
	@ColumnTransformer(read = "arguments::text", write = "?::text::jsonb")
	public String arguments;

	/** Exactly the arguments that run, encrypted. */
	@Column(name = "arguments_sealed")
	public String argumentsSealed;

	@Column(name = "arguments_hash")
	public String argumentsHash;

	public String status;

	@Column(name = "approval_token_hash")
	public String approvalTokenHash;

	@Column(name = "expires_at")
	public OffsetDateTime expiresAt;

	@Column(name = "decided_by")
	public String decidedBy;

	@Column(name = "decided_at")
	public OffsetDateTime decidedAt;

	@Column(name = "idempotency_key")
	public UUID idempotencyKey;

	public String summary;

	@Column(name = "error_code")
	public String errorCode;

	@Column(name = "error_message")
	public String errorMessage;

	@Column(name = "latency_ms")
	public Long latencyMs;

	@Column(name = "created_at")
	public OffsetDateTime createdAt;

	@Column(name = "updated_at")
	public OffsetDateTime updatedAt;
}
