package dev.switchboard.core.marketplace;

import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The plugin marketplace, for platform admins: browse the catalog, install, upgrade and uninstall at run time. */
@Path("/api/v1/admin/marketplace")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Marketplace", description = "Signed plugins from the configured repositories, installed without a restart")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Blocking
public class MarketplaceResource {

	private final Marketplace marketplace;

	public MarketplaceResource(Marketplace marketplace) {
		this.marketplace = marketplace;
	}

	@GET
	@Operation(summary = "The catalog", description = "Every plugin the repositories list or that is installed: "
			+ "installed version, newer compatible versions, each release's SDK compatibility, signature and declared "
			+ "permissions (hosts, settings that name hosts, end-user identity, secrets; the serving version's too), "
			+ "the tenants whose backends or connectors use it, and syncError when this node cannot follow what "
			+ "another node installed.")
	public MarketplaceViews.Catalog catalog() {
		return marketplace.catalog();
	}

	@POST
	@Path("/{id}/install")
	@Consumes(MediaType.APPLICATION_JSON)
	@Operation(summary = "Install, upgrade or downgrade a plugin", description = "Downloads the release, checks its "
			+ "SHA-512, its publisher's signature, its SDK range and that its manifest declares the permissions the "
			+ "catalog shows, loads it and switches every tenant to it; calls in flight finish on the version they "
			+ "started with. On any failure the installed version serves on. Every other node sharing the database "
			+ "then fetches, verifies and loads the same release.")
	@APIResponse(responseCode = "200", description = "Installed; the plugin as the catalog now shows it")
	@APIResponse(responseCode = "409", description = "incompatible_sdk, already_installed, missing_dependency",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	@APIResponse(responseCode = "422", description = "unsigned_plugin, untrusted_signer, signature_invalid, "
			+ "checksum_missing, checksum_mismatch, manifest_mismatch, invalid_jar, dependencies_unsupported, "
			+ "plugin_not_started",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	public MarketplaceViews.Plugin install(@PathParam("id") String id, MarketplaceViews.InstallRequest request) {
		return marketplace.install(id, request == null ? null : request.version());
	}

	@DELETE
	@Path("/{id}")
	@ResponseStatus(204)
	@Operation(summary = "Uninstall a plugin", description = "Refused with plugin_in_use while tenants have backends or "
			+ "connectors made from it, unless force=true. Every other node sharing the database unloads it too.")
	@APIResponse(responseCode = "409", description = "plugin_in_use, or plugin_required: other plugins depend on it "
			+ "(refused even when forced)",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	public void uninstall(@PathParam("id") String id, @QueryParam("force") boolean force) {
		marketplace.uninstall(id, force);
	}
}
