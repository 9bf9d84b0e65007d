package dev.switchboard.core.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.switchboard.core.plugin.UndeclaredPermissionException;
import dev.switchboard.sdk.config.InvalidConfigException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into problem+json. No class name, stack trace or raw parser message reaches a client; the
 * unexpected ones are logged with an id the client also sees.
 */
public class ProblemMappers {

	private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

	@ServerExceptionMapper
	public Response problem(ProblemException e) {
		Response response = respond(e.problem());
		return e.retryAfterSeconds().map(s -> Response.fromResponse(response).header("Retry-After", s).build())
				.orElse(response);
	}

	@ServerExceptionMapper
	public Response invalidConfig(InvalidConfigException e) {
		return respond(Problem.of(400, "invalid_config", "Invalid configuration",
				"The configuration does not fit the plugin's schema.").withErrors(e.problems()));
	}

	@ServerExceptionMapper
	public Response undeclaredPermission(UndeclaredPermissionException e) {
		return respond(Problem.of(400, "permission_not_declared", "Beyond the plugin's declared permissions",
				"This configuration would let the instance do more than its plugin declared before it was installed.")
				.withErrors(e.problems()));
	}

	@ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
	public Response unauthorized() {
		return Response.fromResponse(respond(Problem.of(401, "unauthenticated", "Authentication required",
				"Send a valid credential as 'Authorization: Bearer <key>'.")))
				.header("WWW-Authenticate", "Bearer realm=\"switchboard\"").build();
	}

	@ServerExceptionMapper
	public Response forbidden(ForbiddenException e) {
		return respond(Problem.of(403, "forbidden", "Forbidden", "This credential may not do that."));
	}

	@ServerExceptionMapper
	public Response mismatchedInput(MismatchedInputException e) {
		return malformedJson(e);
	}

	@ServerExceptionMapper
	public Response malformedJson(JsonProcessingException e) {
		String detail = switch (e) {
			case InvalidFormatException f -> "Field '" + path(f) + "' has a value of the wrong type.";
			case MismatchedInputException m when !m.getPath().isEmpty() -> "Field '" + path(m) + "' has the wrong shape.";
			default -> "The request body is not valid JSON of the expected shape.";
		};
		return respond(Problem.of(400, "malformed_json", "Malformed JSON", detail));
	}

	@ServerExceptionMapper
	public Response constraintViolation(ConstraintViolationException e) {
		return respond(Problem.of(400, "invalid_request", "Invalid request", "Some fields are invalid.")
				.withErrors(e.getConstraintViolations().stream().collect(Collectors.toMap(
						v -> v.getPropertyPath().toString(), v -> v.getMessage(), (a, b) -> a))));
	}

	@ServerExceptionMapper
	public Response webApplication(WebApplicationException e) {
		int status = e.getResponse().getStatus();
		if (e.getCause() instanceof JsonProcessingException json) {
			return malformedJson(json);
		}
		if (status >= 500) {
			return unexpected(e);
		}
		return respond(switch (status) {
			case 404 -> Problem.of(404, "not_found", "Not found", "No such resource.");
			case 405 -> Problem.of(405, "method_not_allowed", "Method not allowed", "This resource does not accept that method.");
			case 406 -> Problem.of(406, "not_acceptable", "Not acceptable", "This resource cannot produce the requested media type.");
			case 413 -> Problem.of(413, "payload_too_large", "Payload too large", "The request body is too large.");
			case 415 -> Problem.of(415, "unsupported_media_type", "Unsupported media type", "Send the body as application/json.");
			default -> Problem.of(status, "bad_request", "Bad request", "The request could not be processed.");
		});
	}

	@ServerExceptionMapper
	public Response unexpected(Throwable e) {
		String incident = java.util.UUID.randomUUID().toString();
		LOG.errorf(e, "unexpected error, incident %s", incident);
		return respond(Problem.of(500, "internal_error", "Internal error",
				"Something went wrong on our side. Incident " + incident + "."));
	}

	public static Response respond(Problem problem) {
		return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
	}

	private static String path(MismatchedInputException e) {
		return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
				.collect(Collectors.joining("."));
	}
}
