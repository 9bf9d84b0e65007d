package dev.switchboard.core.widget;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Where a widget on a customer's page opens its session: public, but only from the widget's allowed origins. */
@Path("/api/v1/widget/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Widget")
@PermitAll
public class WidgetSessionResource {

	private final WidgetSessions sessions;

	public WidgetSessionResource(WidgetSessions sessions) {
		this.sessions = sessions;
	}

	@Schema(name = "OpenWidgetSession")
	public record OpenSession(@NotBlank @Schema(example = "wgt_3HkQm1xZ0aB7cD9e") String widgetId,
			@Schema(description = "An HS256 JWT from the SaaS backend for a signed-in user; omit for an anonymous visitor")
			String identityToken) {
	}

	@Schema(name = "WidgetSession")
	public record SessionView(@Schema(description = "Bearer token for the chat API, from this origin only") String token,
			OffsetDateTime expiresAt, EndUserView endUser) {
	}

	@Schema(name = "EndUser")
	public record EndUserView(@Schema(example = "user-42") String id, boolean verified, String email, String name) {
	}

	@POST
	@ResponseStatus(201)
	@Operation(summary = "Open a widget session", description = "Checks the page's Origin against the widget's allowed "
			+ "origins and, when given, the identity token (HS256, sub and exp required, exp at most 24 h ahead).")
	public Uni<SessionView> open(@Valid @NotNull OpenSession request, @HeaderParam("Origin") String origin) {
		return sessions.open(request.widgetId(), origin, request.identityToken()).map(opened -> new SessionView(
				opened.token(), opened.session().expiresAt, new EndUserView(opened.session().endUserId,
						opened.session().verified, opened.session().email, opened.session().name)));
	}
}
