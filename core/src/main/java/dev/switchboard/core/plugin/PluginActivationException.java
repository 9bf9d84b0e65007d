package dev.switchboard.core.plugin;

/** A plugin jar could not be activated; the message is a one-line reason fit for an admin. */
public class PluginActivationException extends Exception {

	public PluginActivationException(String reason) {
		super(reason, null, false, false);
	}
}
