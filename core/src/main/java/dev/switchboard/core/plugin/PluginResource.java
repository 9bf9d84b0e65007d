package dev.switchboard.core.plugin;

import dev.switchboard.core.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin/plugins")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Plugins", description = "Plugin jars loaded from the plugins directory")
@SecurityRequirement(name = "bearer")
public class PluginResource {

	private final PluginHost host;

	public PluginResource(PluginHost host) {
		this.host = host;
	}

	@GET
	@RolesAllowed(Roles.PLATFORM_ADMIN)
	@Operation(summary = "List plugins", description = "Every plugin jar found at start: id, version, kind, state and, "
			+ "for a failed or disabled one, why.")
	public List<PluginStatus> list() {
		return host.statuses();
	}
}
