package dev.switchboard.core.widget;

import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.auth.Tokens;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.secret.SecretBox;
import dev.switchboard.core.tenant.CurrentTenant;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's widget: where it may be embedded, and the secret that signs its users' identity tokens. */
@Path("/api/v1/admin/widget")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Widget", description = "The tenant's embeddable chat widget")
@SecurityRequirement(name = "bearer")
@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN })
public class WidgetResource {

	private final CurrentTenant tenant;
	private final WidgetRepository widgets;
	private final SecretBox secrets;
	private final WidgetOrigins origins;

	public WidgetResource(CurrentTenant tenant, WidgetRepository widgets, SecretBox secrets, WidgetOrigins origins) {
		this.tenant = tenant;
		this.widgets = widgets;
		this.secrets = secrets;
		this.origins = origins;
	}

	@Schema(name = "Widget")
	public record WidgetView(@Schema(example = "wgt_3HkQm1xZ0aB7cD9e") String publicId,
			@Schema(example = "[\"https://app.acme.example\"]") List<String> allowedOrigins, boolean identitySecretSet,
			@Schema(description = "Until when the previous identity secret is still accepted") OffsetDateTime previousSecretValidUntil) {

		static WidgetView of(Widget w) {
			return new WidgetView(w.publicId, w.allowedOrigins, w.identitySecret != null, w.previousValidUntil);
		}
	}

	@Schema(name = "WidgetSettings")
	public record WidgetSettings(@NotNull @Size(max = 50)
			@Schema(example = "[\"https://app.acme.example\"]", description = "scheme://host[:port], no path") List<@NotNull String> allowedOrigins) {
	}

	@Schema(name = "RotateIdentitySecret")
	public record RotateIdentitySecret(@Min(0) @Max(168) @Schema(example = "24",
			description = "Hours the previous secret stays valid; default 24") Integer overlapHours) {
	}

	@Schema(name = "IdentitySecret")
	public record IdentitySecretView(@Schema(description = "The new secret, shown once. Sign HS256 identity tokens with its UTF-8 bytes.") String secret,
			OffsetDateTime previousSecretValidUntil) {
	}

	@GET
	@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER })
	@WithTransaction
	@Operation(summary = "Show the widget", description = "Creates the tenant's widget on first use.")
	public Uni<WidgetView> get() {
		return widget().map(WidgetView::of);
	}

	@PUT
	@WithTransaction
	@Operation(summary = "Set the origins that may embed the widget")
	public Uni<WidgetView> update(@Valid @NotNull WidgetSettings settings) {
		Map<String, String> problems = new LinkedHashMap<>();
		for (int i = 0; i < settings.allowedOrigins().size(); i++) {
			if (!isOrigin(settings.allowedOrigins().get(i))) {
				problems.put("allowedOrigins[" + i + "]", "must be scheme://host[:port] with http or https and no path");
			}
		}
		if (!problems.isEmpty()) {
			throw ProblemException.invalid("Some origins are not origins.", problems);
		}
		return widget().map(w -> {
			w.allowedOrigins = List.copyOf(settings.allowedOrigins());
			w.updatedAt = OffsetDateTime.now();
			origins.refresh();
			return WidgetView.of(w);
		});
	}

	@POST
	@Path("/identity-secret")
	@WithTransaction
	@Operation(summary = "Create or rotate the identity secret", description = "The previous secret keeps verifying "
			+ "tokens for the overlap window, so the SaaS backend can switch without logging anyone out.")
	public Uni<IdentitySecretView> rotate(@Valid RotateIdentitySecret request) {
		int overlap = request == null || request.overlapHours() == null ? 24 : request.overlapHours();
		String secret = Tokens.issue("sbis_");
		return widget().map(w -> {
			if (w.identitySecret != null) {
				w.previousIdentitySecret = w.identitySecret;
				w.previousValidUntil = OffsetDateTime.now().plusHours(overlap);
			}
			w.identitySecret = secrets.encrypt(w.tenantId, secret);
			w.updatedAt = OffsetDateTime.now();
			return new IdentitySecretView(secret, w.previousValidUntil);
		});
	}

	private Uni<Widget> widget() {
		return tenant.id().flatMap(tenantId -> widgets.findById(tenantId).flatMap(existing -> {
			if (existing != null) {
				return Uni.createFrom().item(existing);
			}
			Widget widget = new Widget();
			widget.tenantId = tenantId;
			widget.publicId = Tokens.issue("wgt_").substring(0, 24);
			widget.allowedOrigins = List.of();
			widget.createdAt = OffsetDateTime.now();
			widget.updatedAt = widget.createdAt;
			return widgets.persist(widget);
		}));
	}

	private static boolean isOrigin(String value) {
		try {
			URI uri = new URI(value);
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
					&& (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
					&& uri.getRawFragment() == null && uri.getRawUserInfo() == null;
		} catch (Exception e) {
			return false;
		}
	}
}
