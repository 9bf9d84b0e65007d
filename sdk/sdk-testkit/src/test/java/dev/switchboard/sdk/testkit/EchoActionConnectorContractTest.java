package dev.switchboard.sdk.testkit;

import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.action.Effect;
import dev.switchboard.sdk.error.UnsupportedFeatureException;
import dev.switchboard.sdk.testkit.contract.AbstractActionConnectorContract;
import java.util.List;
import java.util.Map;

/** Runs the action contract against a minimal in-memory connector, so the suite itself is exercised. */
class EchoActionConnectorContractTest extends AbstractActionConnectorContract {

	@Override
	protected ActionConnector createConnector() {
		return new ActionConnector() {
			@Override
			public List<ActionSpec> actions() {
				return List.of(ActionSpec.of("echo", "Echo", "Returns its input unchanged.",
						"{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}", null, Effect.READ_ONLY));
			}

			@Override
			public ActionResult invoke(String action, String input, ActionContext context) {
				if (!"echo".equals(action)) {
					throw new UnsupportedFeatureException("no action " + action);
				}
				return ActionResult.done(input, "Echoed");
			}

			@Override
			public void verifyConnection() {
				// Nothing to reach: the echo lives in memory.
			}
		};
	}

	@Override
	protected Map<String, String> exampleInputs() {
		return Map.of("echo", "{\"text\":\"hi\"}");
	}
}
