package dev.switchboard.core.plugin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the admin API shows of one plugin jar.
 *
 * @param id          Plugin-Id, or the jar's file name when the manifest could not be read
 * @param version     Plugin-Version, when known
 * @param kinds       {@code model}, {@code action} and/or {@code embedding}, from the extensions it contributes
 * @param state       {@code started}, {@code failed} or {@code disabled}
 * @param reason      why it is failed or disabled
 * @param factories   ids of the factories it contributes
 * @param permissions what its manifest declares it needs (a started plugin's)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "PluginStatus")
public record PluginStatus(
		@Schema(example = "model-openai") String id,
		@Schema(example = "0.1.0") String version,
		@Schema(example = "[\"model\"]") List<String> kinds,
		@Schema(example = "started", enumeration = { "started", "failed", "disabled" }) String state,
		@Schema(example = "requires SDK >=0.2.0, but this Switchboard provides SDK 0.1.0") String reason,
		String description,
		String provider,
		@Schema(example = "[\"openai\"]") List<String> factories,
		@Schema(example = "model-openai.jar") String file,
		DeclaredPermissions permissions) {
}
