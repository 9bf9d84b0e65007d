package dev.switchboard.core.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.plugin.DeclaredPermissions;
import dev.switchboard.core.plugin.PluginHost;
import dev.switchboard.core.plugin.PluginStatus;
import dev.switchboard.core.routing.RoutingCatalog;
import dev.switchboard.core.routing.TenantRouting;
import dev.switchboard.core.tenant.CurrentTenant;
import dev.switchboard.sdk.config.ConfigProperty;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the admin console reads that no other endpoint shows: the settings forms of the plugins' factories, the
 * routing catalog a live turn of the tenant uses (for the playground), and how operators may sign in. Read-only.
 */
@Path("/api/v1/admin/console")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin console", description = "Read-only views the admin console builds its forms from")
public class ConsoleResource {

	private final PluginHost plugins;
	private final CurrentTenant tenant;
	private final TenantRouting routing;
	private final boolean oidcEnabled;
	private final String oidcUrl;
	private final String consoleClientId;

	public ConsoleResource(PluginHost plugins, CurrentTenant tenant, TenantRouting routing,
			@org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.oidc.tenant-enabled") boolean oidcEnabled,
			@org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> oidcUrl,
			@org.eclipse.microprofile.config.inject.ConfigProperty(name = "switchboard.admin-console.client-id",
					defaultValue = "switchboard-admin-console") String consoleClientId) {
		this.plugins = plugins;
		this.tenant = tenant;
		this.routing = routing;
		this.oidcEnabled = oidcEnabled;
		this.oidcUrl = oidcUrl.orElse(null);
		this.consoleClientId = consoleClientId;
	}

	/**
	 * A factory a backend or connector is created from, with the settings form and the permissions its plugin
	 * declares (what a tenant admin sees before configuring it).
	 */
	public record Factory(String id, String kind, String title, String plugin, List<ConfigProperty> settings,
			DeclaredPermissions permissions) {
	}

	/** The operator roles of the signed-in credential in the tenant the request acts on. */
	public record Operator(@Schema(description = "Of platform-admin, tenant-admin, tenant-viewer", example = "[\"tenant-viewer\"]")
			List<String> roles) {
	}

	/** How an operator signs in: always with an API key; with OIDC (authorization code + PKCE) when it is on. */
	public record SignIn(String oidcIssuer, String oidcClientId) {
	}

	@GET
	@Path("/factories")
	@SecurityRequirement(name = "bearer")
	@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER })
	@Operation(summary = "List model and action factories with their settings", description = "From the started "
			+ "plugins; secret settings are marked and are write-only in the backend and connector APIs.")
	public List<Factory> factories() {
		List<Factory> factories = new ArrayList<>();
		for (PluginStatus plugin : plugins.statuses()) {
			if (!"started".equals(plugin.state()) || plugin.factories() == null) {
				continue;
			}
			for (String id : plugin.factories()) {
				plugins.modelFactory(id).ifPresent(f -> factories.add(new Factory(id, "model", f.title(), plugin.id(),
						f.configSchema().properties(), plugin.permissions())));
				plugins.actionFactory(id).ifPresent(f -> factories.add(new Factory(id, "action", f.title(), plugin.id(),
						f.configSchema().properties(), plugin.permissions())));
			}
		}
		return factories;
	}

	@GET
	@Path("/me")
	@SecurityRequirement(name = "bearer")
	@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER })
	@Operation(summary = "The signed-in operator's roles", description = "In the tenant X-Switchboard-Tenant names (an "
			+ "OIDC operator may administer one tenant and only view another). The console hides what the roles may not "
			+ "do; every endpoint still checks them.")
	public Operator me(@Context SecurityContext caller) {
		return new Operator(Stream.of(Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER)
				.filter(caller::isUserInRole).toList());
	}

	@GET
	@Path("/routing-catalog")
	@SecurityRequirement(name = "bearer")
	@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER })
	@Operation(summary = "The routing catalog of the tenant's live turns", description = "Role descriptions (the "
			+ "defaults where the tenant set none), examples, thresholds, rules and the enabled actions, in the format "
			+ "POST /api/v1/router/evaluate takes. Without enabled actions the action role is left out, as in live turns.")
	public Uni<ObjectNode> routingCatalog() {
		return tenant.id().flatMap(tenantId -> routing.liveCatalog(tenantId)).map(catalog -> {
			ObjectNode doc = JsonNodeFactory.instance.objectNode();
			ObjectNode roles = doc.putObject("roles");
			catalog.roles().forEach((route, spec) -> {
				ObjectNode role = roles.putObject(route.id()).put("description", spec.description()).put("bias", spec.bias());
				spec.examples().forEach(role.putArray("examples")::add);
			});
			ArrayNode entries = doc.putArray("actions");
			catalog.actions().forEach(a -> entries.addObject().put("name", a.name()).put("description", a.description())
					.put("effect", a.effect()));
			doc.putObject("thresholds").put("margin", catalog.thresholds().margin())
					.put("confirmation", catalog.thresholds().confirmation()).put("action", catalog.thresholds().action());
			ArrayNode rules = doc.putArray("rules");
			for (RoutingCatalog.Rule rule : catalog.rules()) {
				ObjectNode entry = rules.addObject();
				rule.conditions().forEach(entry.putObject("if")::put);
				entry.put("route", rule.route().id());
				if (rule.action() != null) {
					entry.put("action", rule.action());
				}
			}
			return doc;
		});
	}

	@GET
	@Path("/sign-in")
	@PermitAll
	@Operation(summary = "How operators sign in", description = "The OIDC issuer and the console's public client when "
			+ "OIDC is on; both null otherwise (API key only).")
	public SignIn signIn() {
		return oidcEnabled && oidcUrl != null ? new SignIn(oidcUrl.replaceAll("/+$", ""), consoleClientId)
				: new SignIn(null, null);
	}
}
