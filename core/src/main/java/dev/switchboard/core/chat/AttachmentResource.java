package dev.switchboard.core.chat;

import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.tenant.CurrentTenant;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import dev.switchboard.core.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/attachments")
@Tag(name = "Conversations")
@SecurityRequirement(name = "bearer")
@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER, Roles.CHAT, Roles.END_USER })
public class AttachmentResource {

	private final CurrentTenant tenant;
	private final AttachmentRepository attachments;

	public AttachmentResource(CurrentTenant tenant, AttachmentRepository attachments) {
		this.tenant = tenant;
		this.attachments = attachments;
	}

	@GET
	@Path("/{id}")
	@Produces({ "image/png", "image/jpeg", "image/webp", "image/gif" })
	@WithSession
	@Operation(summary = "Download an image sent in a message")
	public Uni<Response> get(@PathParam("id") UUID id) {
		return tenant.scope().flatMap(scope -> attachments.findOwned(scope, id)).map(a -> {
			if (a == null) {
				throw ProblemException.notFound("attachment_not_found", "Attachment", "No attachment " + id + " in this tenant.");
			}
			return Response.ok(a.data, a.mediaType).header("X-Content-Type-Options", "nosniff")
					.header("Cache-Control", "private, max-age=86400").build();
		});
	}
}
