package dev.switchboard.plugins.openapi.internal;

import dev.switchboard.sdk.action.ActionSpec;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.List;

/**
 * How one action maps onto one operation.
 *
 * @param spec            the action offered
 * @param method          the HTTP method, upper case
 * @param path            the path template, e.g. {@code /pet/{petId}}
 * @param parameters      path, query and header parameters, resolved; each is a top-level input property
 * @param bodyMediaType   the JSON media type the body is sent as, or {@code null} when the operation takes none
 * @param bodyKey         the input property that holds the body
 * @param bodyRequired    whether the operation requires a body
 */
public record OperationBinding(ActionSpec spec, String method, String path, List<Parameter> parameters,
		String bodyMediaType, String bodyKey, boolean bodyRequired) {

	public OperationBinding {
		parameters = List.copyOf(parameters);
	}

	/** Whether the operation needs any input at all, which a connection check cannot invent. */
	public boolean needsInput() {
		return bodyRequired || parameters.stream().anyMatch(p -> Boolean.TRUE.equals(p.getRequired()));
	}
}
