package dev.switchboard.core.chat;

import dev.switchboard.core.tenant.CurrentTenant;
import dev.switchboard.core.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/runs")
@Tag(name = "Runs", description = "The event stream of an answer")
@SecurityRequirement(name = "bearer")
@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER, Roles.CHAT, Roles.END_USER })
public class RunResource {

	private final CurrentTenant tenant;
	private final RunEvents runEvents;
	private final StreamErrors streamErrors;

	public RunResource(CurrentTenant tenant, RunEvents runEvents, StreamErrors streamErrors) {
		this.streamErrors = streamErrors;
		this.tenant = tenant;
		this.runEvents = runEvents;
	}

	@GET
	@Path("/{runId}/events")
	@Produces(MediaType.SERVER_SENT_EVENTS)
	@Operation(summary = "Follow a run's events", description = "Server-sent events, AG-UI style: RUN_STARTED, "
			+ "TEXT_MESSAGE_START/CONTENT/END, TOOL_CALL_START/ARGS/END, then RUN_FINISHED or RUN_ERROR. Each event's SSE "
			+ "id is its sequence number; to resume a dropped stream send the last one seen as Last-Event-ID (or ?after=) "
			+ "and the stream continues with the next event, on any node, while the run goes on or after it ended.")
	public Multi<OutboundSseEvent> events(@PathParam("runId") UUID runId,
			@Parameter(description = "The id of the last event received") @HeaderParam("Last-Event-ID") String lastEventId,
			@Parameter(description = "Same as Last-Event-ID, for clients that cannot set headers") @QueryParam("after") Integer after,
			@Context Sse sse) {
		int afterSeq = afterSeq(after, lastEventId);
		return tenant.scope().flatMap(scope -> runEvents.checkOwned(scope, runId)).toMulti()
				.flatMap(tenantId -> runEvents.follow(tenantId, runId, afterSeq))
				.map(event -> sse(sse, event))
				.onFailure().recoverWithItem(failure -> streamErrors.event(sse, failure));
	}

	static OutboundSseEvent sse(Sse sse, RunEvent event) {
		return sse.newEventBuilder().id(Integer.toString(event.seq())).data(event.json()).build();
	}

	/** The sequence number to resume after: {@code ?after=} wins over Last-Event-ID; neither means from the start. */
	static int afterSeq(Integer after, String lastEventId) {
		return after != null ? Math.max(0, after) : parseSeq(lastEventId);
	}

	private static int parseSeq(String lastEventId) {
		if (lastEventId == null || lastEventId.isBlank()) {
			return 0;
		}
		try {
			return Math.max(0, Integer.parseInt(lastEventId.trim()));
		} catch (NumberFormatException e) {
			throw dev.switchboard.core.problem.ProblemException.badRequest("invalid_last_event_id",
					"Last-Event-ID must be the number of an event of this run.");
		}
	}
}
