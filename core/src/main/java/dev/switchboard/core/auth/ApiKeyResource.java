package dev.switchboard.core.auth;

import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.tenant.CurrentTenant;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("/api/v1/admin/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API keys", description = "Server-to-server credentials of the tenant")
@SecurityRequirement(name = "bearer")
@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN })
public class ApiKeyResource {

	private final CurrentTenant tenant;
	private final ApiKeys apiKeys;
	private final ApiKeyRepository repository;

	public ApiKeyResource(CurrentTenant tenant, ApiKeys apiKeys, ApiKeyRepository repository) {
		this.tenant = tenant;
		this.apiKeys = apiKeys;
		this.repository = repository;
	}

	@Schema(name = "CreateApiKey")
	public record CreateApiKey(@NotBlank @Size(max = 100) @Schema(example = "billing-backend") String name,
			@NotNull @Pattern(regexp = "chat|admin", message = "must be chat or admin")
			@Schema(enumeration = { "chat", "admin" }, example = "chat",
					description = "chat: conversations and /v1; admin: also the tenant's administration") String scope) {
	}

	@Schema(name = "ApiKey")
	public record ApiKeyView(UUID id, @Schema(example = "billing-backend") String name,
			@Schema(example = "sbk_Xy12Ab", description = "The key's first characters") String prefix,
			@Schema(enumeration = { "chat", "admin" }) String scope, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
			OffsetDateTime revokedAt) {

		static ApiKeyView of(ApiKey k) {
			return new ApiKeyView(k.id, k.name, k.prefix, k.scope, k.createdAt, k.lastUsedAt, k.revokedAt);
		}
	}

	@Schema(name = "IssuedApiKey")
	public record IssuedApiKeyView(ApiKeyView apiKey,
			@Schema(description = "The key. Shown this once: only its hash is stored.") String key) {
	}

	@POST
	@WithTransaction
	@ResponseStatus(201)
	@Operation(summary = "Create an API key", description = "Returns the key once; store it now.")
	public Uni<IssuedApiKeyView> create(@Valid @NotNull CreateApiKey request) {
		return tenant.id().flatMap(tenantId -> apiKeys.issue(tenantId, request.name(), request.scope()))
				.map(issued -> new IssuedApiKeyView(ApiKeyView.of(issued.key()), issued.plainKey()));
	}

	@GET
	@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER })
	@WithSession
	@Operation(summary = "List API keys", description = "Never shows a key, only its prefix.")
	public Uni<List<ApiKeyView>> list() {
		return tenant.id().flatMap(repository::listOwned).map(all -> all.stream().map(ApiKeyView::of).toList());
	}

	@DELETE
	@Path("/{id}")
	@WithTransaction
	@Operation(summary = "Revoke an API key")
	public Uni<ApiKeyView> revoke(@PathParam("id") UUID id) {
		return tenant.id().flatMap(tenantId -> repository.findOwned(tenantId, id)).map(key -> {
			if (key == null) {
				throw ProblemException.notFound("api_key_not_found", "API key", "No API key " + id + " in this tenant.");
			}
			if (key.revokedAt == null) {
				key.revokedAt = OffsetDateTime.now();
				apiKeys.forget(key);
			}
			return ApiKeyView.of(key);
		});
	}
}
