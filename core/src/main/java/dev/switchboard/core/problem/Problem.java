package dev.switchboard.core.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem details body. {@code code} is the stable machine-readable identifier clients switch on; the
 * {@code type} URI is derived from it. {@code errors} lists field problems where a request had several.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
		@Schema(example = "https://switchboard.dev/problems/conversation_not_found") String type,
		@Schema(example = "Conversation not found") String title,
		@Schema(example = "404") int status,
		@Schema(example = "No conversation 7d0e… in tenant default.") String detail,
		@Schema(example = "conversation_not_found") String code,
		Map<String, String> errors) {

	public static final String MEDIA_TYPE = "application/problem+json";

	public static Problem of(int status, String code, String title, String detail) {
		return new Problem("https://switchboard.dev/problems/" + code, title, status, detail, code, null);
	}

	public Problem withErrors(Map<String, String> fieldErrors) {
		return new Problem(type, title, status, detail, code, fieldErrors);
	}
}
