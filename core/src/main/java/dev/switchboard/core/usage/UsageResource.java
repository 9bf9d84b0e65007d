package dev.switchboard.core.usage;

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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin/usage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage", description = "Tokens and cost per day and backend")
@SecurityRequirement(name = "bearer")
@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER })
public class UsageResource {

	private final CurrentTenant tenant;
	private final Pool pool;

	public UsageResource(CurrentTenant tenant, Pool pool) {
		this.tenant = tenant;
		this.pool = pool;
	}

	@Schema(name = "UsageDay")
	public record UsageDay(@Schema(example = "2026-11-29") LocalDate day, @Schema(example = "default") String backend,
			long requests, long inputTokens, long outputTokens,
			@Schema(example = "0.0123", description = "US dollars, for the requests whose backend has a price") BigDecimal cost,
			@Schema(example = "0", description = "Requests to a backend without a price, not in cost") long unpricedRequests) {
	}

	@GET
	@Operation(summary = "Tokens and cost per day and backend", description = "Newest day first; counted within a second of each call.")
	public Uni<List<UsageDay>> list(@QueryParam("days") @DefaultValue("30") @Min(1) @Max(366) int days) {
		return tenant.id().flatMap(tenantId -> pool.preparedQuery("SELECT day, backend, requests, input_tokens, output_tokens, cost, unpriced_requests "
				+ "FROM usage_daily WHERE tenant_id = $1 AND day > $2 ORDER BY day DESC, backend")
				.execute(Tuple.of(tenantId, LocalDate.now(ZoneOffset.UTC).minusDays(days)))).map(rows -> {
					List<UsageDay> usage = new ArrayList<>();
					for (Row row : rows) {
						usage.add(new UsageDay(row.getLocalDate("day"), row.getString("backend"), row.getLong("requests"),
								row.getLong("input_tokens"), row.getLong("output_tokens"), row.getBigDecimal("cost"),
								row.getLong("unpriced_requests")));
					}
					return usage;
				});
	}
}
