package dev.switchboard.core.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.model.ConfiguredBackend;
import dev.switchboard.core.usage.MeteredCall;
import dev.switchboard.sdk.model.CallContext;
import dev.switchboard.sdk.model.ChatCall;
import dev.switchboard.sdk.model.ChatMessage;
import dev.switchboard.sdk.model.ChatResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * LLM-as-router on the tenant's {@code small} backend: asked only for close calls, with the roles and actions of the
 * catalog and the user's message, for a one-line JSON verdict. One instance per turn: it keeps the call it made, so
 * the turn's trace and usage include it.
 */
final class SmallModelRouter implements RouterModelHook {

	private static final Logger LOG = Logger.getLogger(SmallModelRouter.class);
	private static final Pattern JSON_OBJECT = Pattern.compile("\\{.*}", Pattern.DOTALL);

	private final ConfiguredBackend small;
	private final String tenantId;
	private final Duration timeout;
	private final ObjectMapper mapper;
	private final List<MeteredCall> calls = new ArrayList<>();

	SmallModelRouter(ConfiguredBackend small, String tenantId, Duration timeout, ObjectMapper mapper) {
		this.small = small;
		this.tenantId = tenantId;
		this.timeout = timeout;
		this.mapper = mapper;
	}

	@Override
	public Optional<Verdict> decide(Turn turn, RoutingCatalog catalog, RouteDecision tentative) {
		ChatCall call = new ChatCall(List.of(ChatMessage.system(instructions(catalog)), ChatMessage.user(turn.text())),
				List.of(), 0.0, 120);
		ChatResult result;
		try {
			result = small.backend().chat(call, new CallContext(tenantId, "router-" + UUID.randomUUID(), timeout));
		} catch (RuntimeException e) { // a PluginException or a plugin bug: either way the embedding decision stands
			LOG.debugf("LLM router on %s failed: %s", small.name(), e.getMessage());
			return Optional.empty();
		}
		calls.add(MeteredCall.of("router", small, result.model(), result.usage()));
		return verdict(result.text(), catalog);
	}

	/** The calls made, for the trace and usage. */
	List<MeteredCall> calls() {
		return List.copyOf(calls);
	}

	/** The backend asked. */
	String backendName() {
		return small.name();
	}

	private static String instructions(RoutingCatalog catalog) {
		StringBuilder text = new StringBuilder("""
				You route one chat message of a SaaS product's assistant to the model role that should answer it.
				Reply with one JSON object only: {"route": "<role>", "action": "<action name or null>", "why": "<a few words>"}.
				Roles:
				""");
		for (Route route : catalog.textRoutes()) {
			text.append("- ").append(route.id()).append(": ").append(catalog.roles().get(route).description()).append('\n');
		}
		if (!catalog.actions().isEmpty() && catalog.textRoutes().contains(Route.ACTION)) {
			text.append("Actions (only with route \"action\"):\n");
			catalog.actions().forEach(a -> text.append("- ").append(a.name()).append(": ").append(a.description()).append('\n'));
		}
		return text.toString();
	}

	/** The verdict in the model's answer, when it names a route of the catalog (and, if any, one of its actions). */
	Optional<Verdict> verdict(String answer, RoutingCatalog catalog) {
		Matcher json = JSON_OBJECT.matcher(answer);
		if (!json.find()) {
			return Optional.empty();
		}
		try {
			JsonNode node = mapper.readTree(json.group());
			Route route = Route.ofId(node.path("route").asText(null));
			if (route == null || !catalog.textRoutes().contains(route)) {
				return Optional.empty();
			}
			String action = node.path("action").isTextual() ? node.path("action").asText() : null;
			if (route != Route.ACTION || (action != null && catalog.action(action) == null)) {
				action = null;
			}
			String why = node.path("why").asText("");
			return Optional.of(new Verdict(route, action, why.length() > 200 ? why.substring(0, 200) : why));
		} catch (JsonProcessingException notJson) {
			return Optional.empty();
		}
	}
}
