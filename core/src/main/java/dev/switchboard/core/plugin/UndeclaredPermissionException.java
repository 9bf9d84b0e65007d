package dev.switchboard.core.plugin;

import dev.switchboard.sdk.config.InvalidConfigException;
import java.util.Map;

/**
 * A configuration would let an instance do more than its plugin declared ({@link DeclaredPermissions}): reach another
 * host, or receive the end user's identity. Refused like any invalid configuration, with its own problem code.
 */
public class UndeclaredPermissionException extends InvalidConfigException {

	UndeclaredPermissionException(Map<String, String> problems) {
		super(problems);
	}
}
