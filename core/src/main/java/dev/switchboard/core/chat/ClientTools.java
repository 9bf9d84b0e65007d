package dev.switchboard.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.action.ActionRuntime;
import dev.switchboard.core.action.Connectors;
import dev.switchboard.core.action.ToolArguments;
import dev.switchboard.core.chat.ChatApi.ClientToolDeclaration;
import dev.switchboard.core.problem.Problem;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.sdk.model.ToolDefinition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Client-side tools: tools the caller (the widget's host page) declares with a run, which the model may call and the
 * browser runs. Their declarations are checked before a run starts; the model's arguments are checked against the
 * declared schema before they reach the browser.
 */
@ApplicationScoped
public class ClientTools {

	static final int MAX_TOOLS = 16;
	static final int MAX_DESCRIPTION_CHARS = 1_000;
	static final int MAX_SCHEMA_CHARS = 16_000;
	private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]{0,63}");
	private static final String NO_PARAMETERS = "{\"type\":\"object\",\"properties\":{}}";

	private final Connectors connectors;
	private final ToolArguments arguments;

	public ClientTools(Connectors connectors, ToolArguments arguments) {
		this.connectors = connectors;
		this.arguments = arguments;
	}

	/**
	 * A declared tool, checked.
	 *
	 * @param schemaKey the SHA-256 of the schema, under which its compiled form is reused
	 */
	public record ClientTool(String name, String description, String schema, String schemaKey) {

		ToolDefinition definition() {
			return new ToolDefinition(name, description, schema);
		}
	}

	/**
	 * Checks a run's declared tools: names of the pattern, unique, and not taken by the tenant's server actions or the
	 * built-in delegation tools; a description and a parameters schema within the size limits; the schema a
	 * self-contained JSON Schema of an object.
	 *
	 * @throws ProblemException 400 {@code invalid_client_tool} (with errors per field) or {@code client_tool_name_taken}
	 */
	Uni<List<ClientTool>> check(String tenantId, List<ClientToolDeclaration> declared) {
		if (declared == null || declared.isEmpty()) {
			return Uni.createFrom().item(List.of());
		}
		Map<String, String> errors = new LinkedHashMap<>();
		if (declared.size() > MAX_TOOLS) {
			errors.put("tools", "at most " + MAX_TOOLS + " tools per run");
		}
		Set<String> names = new HashSet<>();
		for (int i = 0; i < declared.size() && errors.isEmpty(); i++) {
			ClientToolDeclaration tool = declared.get(i);
			String at = "tools[" + i + "].";
			if (tool == null) {
				errors.put("tools[" + i + "]", "must be a tool");
				continue;
			}
			if (tool.name() == null || !NAME.matcher(tool.name()).matches()) {
				errors.put(at + "name", "must match " + NAME.pattern());
			} else if (!names.add(tool.name())) {
				errors.put(at + "name", "is declared twice");
			}
			if (tool.description() != null && tool.description().length() > MAX_DESCRIPTION_CHARS) {
				errors.put(at + "description", "at most " + MAX_DESCRIPTION_CHARS + " characters");
			}
			JsonNode schema = tool.parameters();
			if (schema != null && !schema.isNull()) {
				if (schema.toString().length() > MAX_SCHEMA_CHARS) {
					errors.put(at + "parameters", "at most " + MAX_SCHEMA_CHARS + " characters of JSON");
				} else {
					List<String> problems = arguments.schemaProblems(schema);
					if (!problems.isEmpty()) {
						errors.put(at + "parameters", String.join("; ", problems));
					}
				}
			}
		}
		if (!errors.isEmpty()) {
			return Uni.createFrom().failure(new ProblemException(Problem.of(400, "invalid_client_tool",
					"Invalid client tool", "A declared client tool is not usable; see errors.").withErrors(errors)));
		}
		return connectors.enabledActions(tenantId).map(actions -> {
			Set<String> taken = new HashSet<>(Delegation.TOOL_NAMES);
			actions.forEach(a -> taken.add(a.spec().name()));
			List<String> clashes = declared.stream().map(ClientToolDeclaration::name).filter(taken::contains).toList();
			if (!clashes.isEmpty()) {
				throw ProblemException.badRequest("client_tool_name_taken", "The name " + clashes + " is taken by a "
						+ "server-side tool of this tenant; give the client tool another name.");
			}
			return declared.stream().map(ClientTools::checked).toList();
		});
	}

	private static ClientTool checked(ClientToolDeclaration tool) {
		String schema = tool.parameters() == null || tool.parameters().isNull() ? NO_PARAMETERS : tool.parameters().toString();
		return new ClientTool(tool.name(), tool.description() == null ? "" : tool.description(), schema, ActionRuntime.sha256(schema));
	}

	/** The model's arguments for a declared tool, valid against its schema, or the refusal the model gets instead. */
	ToolArguments.Checked arguments(ClientTool tool, String argumentsJson) {
		return arguments.check("client:" + tool.schemaKey(), tool.schema(), argumentsJson);
	}
}
