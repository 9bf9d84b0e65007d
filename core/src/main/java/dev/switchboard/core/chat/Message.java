package dev.switchboard.core.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.Generated;
import jakarta.persistence.Convert;
import org.hibernate.annotations.ColumnTransformer;

/** A message of a conversation. Assistant messages are written once, complete, when their run ends. */
@Entity
public class Message {

	public static final String USER = "user";
	public static final String ASSISTANT = "assistant";
	public static final String COMPLETE = "complete";
	public static final String FAILED = "failed";

	@Id
	public UUID id;

	@Column(name = "tenant_id")
	public String tenantId;

	@Column(name = "conversation_id")
	public UUID conversationId;

	@Generated
	@Column(insertable = false, updatable = false)
	public Long seq;

	public String role;

	@Convert(converter = MessagePartsConverter.class)
	@ColumnTransformer(read = "parts::text", write = "?::text::jsonb")
	public List<MessagePart> parts;

	public String status;

	@Column(name = "error_code")
	public String errorCode;

	public String backend;

	public String model;

	@Column(name = "input_tokens")
	public long inputTokens;

	@Column(name = "output_tokens")
	public long outputTokens;

	/** The role that answered, for an assistant message of a routed turn. */
	public String route;

	/** How the turn was routed and what it cost, for an assistant message. */
	@Convert(converter = TurnTraceConverter.class)
	@ColumnTransformer(read = "decision::text", write = "?::text::jsonb")
	@Column(name = "decision")
	public TurnTrace trace;

	/** US dollars; null when unknown (a backend without a price took part). */
	public BigDecimal cost;

	@Column(name = "created_at")
	public OffsetDateTime createdAt;
}
