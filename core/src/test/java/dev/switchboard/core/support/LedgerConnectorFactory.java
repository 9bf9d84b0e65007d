package dev.switchboard.core.support;

import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionConnectorFactory;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.action.ConnectorPermissions;
import dev.switchboard.sdk.action.Effect;
import dev.switchboard.sdk.action.JobStatus;
import dev.switchboard.sdk.config.ConfigProperty;
import dev.switchboard.sdk.config.ConfigSchema;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.error.HttpErrors;
import dev.switchboard.sdk.error.NotFoundException;
import dev.switchboard.sdk.host.HostServices;
import dev.switchboard.sdk.http.EgressHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * A small connector to a bookkeeping API that the action tests run as a real plugin jar: one read, one write, one
 * destructive action, all through the host's {@link EgressHttp}. The product API it calls is the test's fake.
 */
@Extension
public class LedgerConnectorFactory implements ActionConnectorFactory {

	private static final String ACCOUNT = "{\"type\":\"object\",\"properties\":{\"account\":{\"type\":\"string\","
			+ "\"pattern\":\"^[A-Z]-[0-9]+$\"}},\"required\":[\"account\"],\"additionalProperties\":false}";
	private static final String ENTRY = "{\"type\":\"object\",\"properties\":{\"account\":{\"type\":\"string\","
			+ "\"pattern\":\"^[A-Z]-[0-9]+$\"},\"amount\":{\"type\":\"number\"},\"memo\":{\"type\":\"string\"},\"due\":{\"type\":\"string\",\"format\":\"date\"},"
			+ "\"apiKey\":{\"type\":\"string\"}},\"required\":[\"account\",\"amount\"],\"additionalProperties\":false}";

	@Override
	public String id() {
		return "ledger";
	}

	@Override
	public String title() {
		return "Ledger";
	}

	@Override
	public ConfigSchema configSchema() {
		return ConfigSchema.of(ConfigProperty.url("baseUrl", "Base URL", "The ledger API.", true, null),
				ConfigProperty.string("balanceWording", "Balance wording", "Changes how the read action describes "
						+ "itself, as a server that updates its tools would.", false),
				ConfigProperty.string("actAsUser", "Act as the user", "true: forward the end user's identity token as "
						+ "the bearer token, so the ledger acts as that user.", false),
				ConfigProperty.string("dataRegion", "Data region", "Where the hosting operator keeps the books; only a "
						+ "platform admin may choose it.", false).onlyForPlatformAdmins().withDefault("eu"));
	}

	@Override
	public ConnectorPermissions permissions(InstanceConfig config) {
		URI base = URI.create(config.require("baseUrl"));
		return new ConnectorPermissions(java.util.Set.of(base.getHost() + ":" + base.getPort()),
				"true".equals(config.get("actAsUser").orElse("false")));
	}

	@Override
	public ActionConnector create(InstanceConfig config, HostServices host) {
		return new Ledger(config.require("baseUrl"), config.get("balanceWording").orElse("Reads an account's balance."),
				host.http());
	}

	/** The connector: each action is one HTTP call. */
	static final class Ledger implements ActionConnector {

		private static final Pattern JOB_ID = Pattern.compile("\"jobId\"\\s*:\\s*\"([^\"]+)\"");
		private static final Pattern ACCOUNT_ID = Pattern.compile("\"account\"\\s*:\\s*\"([A-Z]-[0-9]+)\"");

		private final String base;
		private final String balanceWording;
		private final EgressHttp http;

		Ledger(String base, String balanceWording, EgressHttp http) {
			this.base = base;
			this.balanceWording = balanceWording;
			this.http = http;
		}

		@Override
		public List<ActionSpec> actions() {
			return List.of(
					ActionSpec.of("ledger_get_balance", "Get balance", balanceWording, ACCOUNT, null, Effect.READ_ONLY),
					ActionSpec.of("ledger_add_entry", "Add entry", "Adds an entry to an account.", ENTRY, null, Effect.WRITE),
					ActionSpec.of("ledger_delete_account", "Delete account", "Deletes an account and its entries.", ACCOUNT,
							null, Effect.DESTRUCTIVE),
					ActionSpec.of("ledger_export", "Export account", "Exports an account's entries; takes a while.", ACCOUNT,
							null, Effect.READ_ONLY));
		}

		@Override
		public ActionResult invoke(String action, String input, ActionContext context) {
			Matcher account = ACCOUNT_ID.matcher(input);
			String path = "/accounts/" + (account.find() ? account.group(1) : "none");
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(context.timeout())
					.header("Idempotency-Key", context.idempotencyKey()).header("Content-Type", "application/json");
			context.forwardedToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
			switch (action) {
				case "ledger_get_balance" -> request.GET();
				case "ledger_add_entry" -> request.POST(HttpRequest.BodyPublishers.ofString(input));
				case "ledger_delete_account" -> request.DELETE();
				case "ledger_export" -> request.uri(URI.create(base + path + "/exports")).POST(HttpRequest.BodyPublishers.ofString(input));
				default -> throw new NotFoundException("no action " + action);
			}
			HttpResponse<String> response = http.send(request.build());
			if (response.statusCode() >= 400) {
				throw HttpErrors.fromStatus(response.statusCode(), "ledger error",
						response.headers().firstValue("Retry-After").orElse(null));
			}
			if (action.equals("ledger_export")) {
				Matcher job = JOB_ID.matcher(response.body());
				return new ActionResult(response.body(), "export of " + path + " started", job.find() ? job.group(1) : null);
			}
			return ActionResult.done(response.body(), action + " on " + path);
		}

		@Override
		public JobStatus jobStatus(String jobId, ActionContext context) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/exports/" + jobId))
					.timeout(context.timeout()).build());
			String body = response.body();
			if (body.contains("\"state\":\"done\"")) {
				return JobStatus.succeeded(ActionResult.done(body, "export " + jobId + " is ready"));
			}
			if (body.contains("\"state\":\"failed\"")) {
				return JobStatus.failed("the export failed");
			}
			return JobStatus.running(0.5, "exporting");
		}

		@Override
		public void verifyConnection() {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build());
			if (response.statusCode() >= 400) {
				throw HttpErrors.fromStatus(response.statusCode(), "health check failed", null);
			}
		}
	}
}
