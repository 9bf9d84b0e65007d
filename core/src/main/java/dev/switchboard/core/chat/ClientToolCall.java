package dev.switchboard.core.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A model's call of a client-side tool, waiting for the browser's result ({@code pending}) or answered. Bound to its
 * conversation and end user; answered at most once.
 */
@Entity
@Table(name = "client_tool_call")
public class ClientToolCall {

	public static final String PENDING = "pending";
	public static final String ANSWERED = "answered";

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

	/** The id the model gave the call, which the events and the result name. */
	@Column(name = "tool_call_id")
	public String toolCallId;

	public String name;

	/** The arguments as validated against the declared schema. */
	public String arguments;

	public String status;

	@Column(name = "created_at")
	public OffsetDateTime createdAt;

	/** What the caller's tool returned, cut to size; kept until the reply continues. */
	public String result;

	@Column(name = "answered_at")
	public OffsetDateTime answeredAt;
}
