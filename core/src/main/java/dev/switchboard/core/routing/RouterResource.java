package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.problem.Problem;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.tenant.CurrentTenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Dry-runs the router: which role and action each message would get under a catalog, and why. Read-only, so any
 * operator of the tenant may use it; it acts on the tenant {@link CurrentTenant} resolves, like every admin endpoint.
 */
@Path("/api/v1/router/evaluate")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Router", description = "The multi-model router's decisions")
@SecurityRequirement(name = "bearer")
public class RouterResource {

	static final int MAX_MESSAGES = 200;
	static final int MAX_TEXT_CHARS = 32_000;

	private static final String EXAMPLE = """
			{"catalog": {"roles": {"small": "Greetings, thanks, one-line FAQ answers, short translations.",
			                       "reasoning": "Multi-step reasoning, analysis, planning, long-form writing.",
			                       "vision": "The message carries an image.",
			                       "action": "The request needs a connector action in a product API."},
			             "actions": [{"name": "ticketing.create_ticket", "description": "Open a support ticket.", "effect": "write"}],
			             "rules": [{"if": {"userTier": "enterprise", "route": "small"}, "route": "reasoning"}]},
			 "messages": [{"text": "hi there"},
			              {"text": "please open a ticket: the export fails"},
			              {"text": "what's wrong here?", "attachments": [{"type": "image"}]},
			              {"text": "yes, do it", "previous": {"route": "action", "action": "ticketing.create_ticket"}}]}""";

	private final RouterService router;
	private final CurrentTenant tenant;
	private final TenantRouting routing;

	public RouterResource(RouterService router, CurrentTenant tenant, TenantRouting routing) {
		this.router = router;
		this.tenant = tenant;
		this.routing = routing;
	}

	@Schema(name = "RouterEvaluateRequest")
	public record EvaluateRequest(
			@Schema(description = "A routing catalog: roles (description, optional examples and bias), actions "
					+ "(name, description, effect, optional examples), optional thresholds {margin, confirmation, action} "
					+ "and rules [{if: {attribute: value}, route, action}]. When absent, the tenant's live catalog: its "
					+ "routing settings and enabled actions.") JsonNode catalog,
			@NotNull @Size(min = 1, max = MAX_MESSAGES) List<@NotNull @Valid EvaluateMessage> messages) {
	}

	@Schema(name = "RouterEvaluateMessage")
	public record EvaluateMessage(
			@NotNull @Size(max = MAX_TEXT_CHARS) @Schema(example = "please open a ticket: the export fails") String text,
			@Size(max = 16) List<@NotNull @Valid AttachmentRef> attachments,
			@Schema(description = "Attributes tenant rules match on", example = "{\"userTier\": \"enterprise\"}") Map<String, String> attributes,
			@Valid @Schema(description = "The decision of the previous turn of the conversation, for short confirmations") PreviousDecision previous) {
	}

	@Schema(name = "RouterAttachment")
	public record AttachmentRef(@NotNull @Schema(example = "image", description = "image, or a MIME type such as image/png") String type) {
	}

	@Schema(name = "RouterPreviousDecision")
	public record PreviousDecision(@NotNull @Schema(example = "action") String route,
			@Schema(example = "ticketing.create_ticket") String action) {
	}

	@Schema(name = "RouterDecision")
	public record DecisionView(
			@Schema(example = "action", enumeration = { "small", "reasoning", "vision", "action" }) String route,
			@Schema(example = "ticketing.create_ticket") String action,
			@Schema(example = "0.93") double confidence,
			@Schema(example = "false") boolean lowConfidence,
			@Schema(example = "[\"embeddings: closest to action (0.42) ahead of small (0.21)\"]") List<String> reasons,
			@Schema(description = "Similarity per route and for the best actions (action:<name>)") Map<String, Double> scores) {

		static DecisionView of(RouteDecision d) {
			return new DecisionView(d.route().id(), d.action(), d.confidence(), d.lowConfidence(), d.reasons(), d.scores());
		}
	}

	@Schema(name = "RouterEvaluateResponse")
	public record EvaluateResponse(List<DecisionView> decisions) {
	}

	@POST
	@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER })
	@Operation(summary = "Evaluate routing decisions", description = "Routes each message under the given catalog, or "
			+ "the tenant's live one, as the router would for a live turn (modality, conversation context, embeddings, "
			+ "tenant rules; no LLM), and explains each decision. Changes nothing. Needs an embedding plugin "
			+ "(embedding-minilm).")
	@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "four turns", value = EXAMPLE)))
	@APIResponse(responseCode = "200", description = "One decision per message, in the same order")
	@APIResponse(responseCode = "400", description = "The catalog or a message is invalid",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	@APIResponse(responseCode = "503", description = "router_unavailable: no embedding plugin is loaded",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	public EvaluateResponse evaluate(@NotNull @Valid EvaluateRequest request) {
		String tenantId = ReactiveCalls.await(tenant::id);
		boolean live = request.catalog() == null || request.catalog().isNull();
		RoutingCatalog catalog = live ? ReactiveCalls.await(() -> routing.liveCatalog(tenantId)) : parse(request.catalog());
		List<Turn> turns = new ArrayList<>();
		List<RouteDecision> previous = new ArrayList<>();
		for (int i = 0; i < request.messages().size(); i++) {
			EvaluateMessage m = request.messages().get(i);
			List<String> types = m.attachments() == null ? List.of()
					: m.attachments().stream().map(AttachmentRef::type).toList();
			turns.add(new Turn(m.text(), types, m.attributes()));
			previous.add(previous(m.previous(), catalog, i));
		}
		List<DecisionView> decisions = new ArrayList<>();
		for (int i = 0; i < turns.size(); i++) {
			decisions.add(DecisionView.of(router.decide(turns.get(i), catalog, previous.get(i))));
		}
		return new EvaluateResponse(decisions);
	}

	private static RoutingCatalog parse(JsonNode document) {
		try {
			return RoutingCatalog.parse(document);
		} catch (RoutingCatalog.InvalidCatalogException e) {
			throw ProblemException.invalid("The routing catalog is invalid.", e.errors());
		}
	}

	private static RouteDecision previous(PreviousDecision p, RoutingCatalog catalog, int index) {
		if (p == null) {
			return null;
		}
		Route route = Route.ofId(p.route());
		if (route == null) {
			throw ProblemException.invalid("A previous decision is invalid.",
					Map.of("messages[" + index + "].previous.route", "must be small, reasoning, vision or action"));
		}
		if (p.action() != null && (route != Route.ACTION || catalog.action(p.action()) == null)) {
			throw ProblemException.invalid("A previous decision is invalid.",
					Map.of("messages[" + index + "].previous.action", "must be one of the catalog's actions, on an action route"));
		}
		return RouteDecision.previous(route, p.action());
	}
}
