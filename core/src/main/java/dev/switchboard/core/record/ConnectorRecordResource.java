package dev.switchboard.core.record;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.problem.Problem;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.tenant.CurrentTenant;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What a tenant's connectors stored in Switchboard, e.g. forms submitted with the "stored" destination. Admins only:
 * records hold what end users entered, unredacted.
 */
@Path("/api/v1/admin/connectors/{connector}/records")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Connectors", description = "Action connectors, their actions, and what the model may do with them")
@SecurityRequirement(name = "bearer")
@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN })
public class ConnectorRecordResource {

	private static final String UUID_PATTERN = "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}";

	private final CurrentTenant tenant;
	private final ConnectorRecords records;
	private final SecurityIdentity identity;

	public ConnectorRecordResource(CurrentTenant tenant, ConnectorRecords records, SecurityIdentity identity) {
		this.tenant = tenant;
		this.records = records;
		this.identity = identity;
	}

	@Schema(name = "ConnectorRecord")
	public record RecordView(UUID id, @Schema(example = "forms") String connector,
			@Schema(description = "What the record is; for forms, the form's name", example = "refund_request") String kind,
			@Schema(description = "The connector's own id for it; for forms, the submission id", example = "sub_5f0c…") String key,
			@Schema(description = "The end user whose invocation stored it") String endUserId,
			@Schema(description = "The record as the connector stored it; for forms, the form.submitted document") JsonNode data,
			OffsetDateTime createdAt) {

		static RecordView of(ConnectorRecords.Entry entry) {
			return new RecordView(entry.id(), entry.connector(), entry.kind(), entry.key(), entry.endUserId(),
					entry.data(), entry.createdAt());
		}
	}

	@GET
	@Operation(summary = "List a connector's stored records", description = "Newest first, a page at a time; filter by "
			+ "kind (for forms, the form's name) and end user. Records outlive the connector's configuration.")
	@APIResponse(responseCode = "400", description = "A page size over 200, or a negative page",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	public Uni<List<RecordView>> list(@PathParam("connector") String connector, @QueryParam("kind") String kind,
			@QueryParam("endUser") String endUser, @QueryParam("page") @DefaultValue("0") @Min(0) int page,
			@QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
		return tenant.id().flatMap(tenantId -> records.list(tenantId, connector, kind, endUser, page, size))
				.map(entries -> entries.stream().map(RecordView::of).toList());
	}

	@GET
	@Path("/{id}")
	@Operation(summary = "Read one stored record")
	@APIResponse(responseCode = "404", description = "No such record of this connector in this tenant",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	public Uni<RecordView> get(@PathParam("connector") String connector,
			@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a record id (UUID)") String id) {
		return tenant.id().flatMap(tenantId -> records.find(tenantId, connector, UUID.fromString(id))).map(entry -> {
			if (entry == null) {
				throw notFound(connector, id);
			}
			return RecordView.of(entry);
		});
	}

	@DELETE
	@Path("/{id}")
	@Operation(summary = "Erase one stored record", description = "For good: the record is deleted, not hidden. The "
			+ "erasure is logged with who asked. To erase everything one end user submitted, use "
			+ "DELETE /api/v1/admin/records?endUser=….")
	@APIResponse(responseCode = "204", description = "Erased")
	@APIResponse(responseCode = "404", description = "No such record of this connector in this tenant",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	public Uni<Void> erase(@PathParam("connector") String connector,
			@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a record id (UUID)") String id) {
		return tenant.id().flatMap(tenantId -> records.erase(tenantId, connector, UUID.fromString(id),
				identity.getPrincipal().getName())).map(erased -> {
					if (!erased) {
						throw notFound(connector, id);
					}
					return null;
				});
	}

	private static ProblemException notFound(String connector, String id) {
		return ProblemException.notFound("record_not_found", "Record",
				"Connector '" + connector + "' has no record " + id + " in this tenant.");
	}
}
