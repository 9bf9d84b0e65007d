package dev.switchboard.core.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.tenant.CurrentTenant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every action invocation of the tenant: who, what, with which arguments (secrets redacted), who approved, outcome. */
@Path("/api/v1/admin/actions/invocations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Connectors", description = "Action connectors, their actions, and what the model may do with them")
@SecurityRequirement(name = "bearer")
@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER })
public class AuditResource {

	private final CurrentTenant tenant;
	private final Pool pool;
	private final ObjectMapper mapper;

	public AuditResource(CurrentTenant tenant, Pool pool, ObjectMapper mapper) {
		this.tenant = tenant;
		this.pool = pool;
		this.mapper = mapper;
	}

	@Schema(name = "ActionInvocation")
	public record InvocationView(UUID id, UUID conversationId, String endUserId, String connector, String action,
			String effect, @Schema(description = "Secret-looking fields are redacted") JsonNode arguments,
			@Schema(enumeration = { "proposed", "approved", "rejected", "expired", "running", "succeeded", "failed",
					"outcome_unknown" }) String status,
			String decidedBy, OffsetDateTime decidedAt, UUID idempotencyKey, String summary, String errorCode,
			String errorMessage, Long latencyMs,
			@Schema(description = "For a long-running action, the target system's job id") String jobId,
			@Schema(description = "For a running job, its last reported progress", example = "40% – exporting") String progress,
			OffsetDateTime createdAt) {
	}

	@GET
	@Operation(summary = "List action invocations", description = "Newest first; filter by status, action, connector, "
			+ "end user and time.")
	public Uni<List<InvocationView>> list(@QueryParam("status") String status, @QueryParam("action") String action,
			@QueryParam("connector") String connector, @QueryParam("endUser") String endUser,
			@QueryParam("since") OffsetDateTime since, @QueryParam("until") OffsetDateTime until,
			@QueryParam("page") @DefaultValue("0") @Min(0) int page,
			@QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
		return tenant.id().flatMap(tenantId -> pool.preparedQuery("SELECT * FROM action_invocation WHERE tenant_id = $1 "
				+ "AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR action = $3) "
				+ "AND ($4::text IS NULL OR connector = $4) AND ($5::text IS NULL OR end_user_id = $5) "
				+ "AND ($6::timestamptz IS NULL OR created_at >= $6) AND ($7::timestamptz IS NULL OR created_at < $7) "
				+ "ORDER BY created_at DESC, id LIMIT $8 OFFSET $9")
				.execute(Tuple.tuple(java.util.Arrays.asList(tenantId, status, action, connector, endUser, since, until, size,
						page * size)))
				.map(rows -> {
					List<InvocationView> views = new ArrayList<>();
					for (Row r : rows) {
						views.add(view(r));
					}
					return views;
				}));
	}

	private InvocationView view(Row r) {
		JsonNode arguments;
		try {
			arguments = mapper.readTree(String.valueOf(r.getValue("arguments")));
		} catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			arguments = mapper.nullNode();
		}
		return new InvocationView(r.getUUID("id"), r.getUUID("conversation_id"), r.getString("end_user_id"),
				r.getString("connector"), r.getString("action"), r.getString("effect"), arguments, r.getString("status"),
				r.getString("decided_by"), r.getOffsetDateTime("decided_at"), r.getUUID("idempotency_key"),
				r.getString("summary"), r.getString("error_code"), r.getString("error_message"), r.getLong("latency_ms"),
				r.getString("job_id"), r.getString("progress"), r.getOffsetDateTime("created_at"));
	}
}
