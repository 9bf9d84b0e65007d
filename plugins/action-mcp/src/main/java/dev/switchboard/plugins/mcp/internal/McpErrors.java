package dev.switchboard.plugins.mcp.internal;

import dev.switchboard.sdk.error.AuthenticationException;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.error.UpstreamTimeoutException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.text.ForeignText;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpError;
import java.util.concurrent.TimeoutException;
import reactor.core.Exceptions;

/** Maps what the MCP client throws to the SDK's exceptions. Stateless. */
public final class McpErrors {

	private static final int INVALID_REQUEST = -32600;
	private static final int METHOD_NOT_FOUND = -32601;
	private static final int INVALID_PARAMS = -32602;
	private static final int MAX_MESSAGE = 300;

	private McpErrors() {
	}

	/**
	 * The SDK exception for a failed MCP exchange.
	 *
	 * @param doing what was being done, e.g. {@code calling tool echo}
	 */
	public static PluginException map(Throwable failure, String doing) {
		for (Throwable cause = Exceptions.unwrap(failure); cause != null; cause = cause.getCause()) {
			switch (cause) {
				case PluginException plugin -> {
					return plugin;
				}
				case McpHttpClientTransportAuthorizationException denied -> {
					return new AuthenticationException("the MCP server refused the credentials while " + doing, denied);
				}
				case McpError error -> {
					return fromJsonRpc(error, doing);
				}
				case TimeoutException timeout -> {
					return new UpstreamTimeoutException("the MCP server did not answer in time while " + doing, timeout);
				}
				default -> {
					// Look further down the chain: transports wrap the cause that names the problem.
				}
			}
		}
		return new UpstreamUnavailableException(
				"the MCP server failed while " + doing + ": " + ForeignText.summarise(rootMessage(failure), MAX_MESSAGE), failure);
	}

	/** Whether the failure leaves the session unusable, so the next call should connect anew. */
	public static boolean breaksSession(PluginException mapped) {
		return mapped instanceof UpstreamUnavailableException || mapped instanceof UpstreamTimeoutException;
	}

	private static PluginException fromJsonRpc(McpError error, String doing) {
		var rpc = error.getJsonRpcError();
		String message = "the MCP server refused " + doing + ": "
				+ ForeignText.summarise(rpc == null ? error.getMessage() : rpc.message(), MAX_MESSAGE);
		int code = rpc == null ? 0 : rpc.code();
		return code == INVALID_REQUEST || code == METHOD_NOT_FOUND || code == INVALID_PARAMS
				? new InvalidRequestException(message, error) : new UpstreamUnavailableException(message, error);
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
	}
}
