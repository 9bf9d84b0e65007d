package dev.switchboard.plugins.forms;

import dev.switchboard.plugins.forms.internal.FormDefinition;
import dev.switchboard.plugins.forms.internal.FormDefinitions;
import dev.switchboard.plugins.forms.internal.client.WebhookClient;
import dev.switchboard.plugins.forms.internal.client.WebhookSignature;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionConnectorFactory;
import dev.switchboard.sdk.action.ConnectorPermissions;
import dev.switchboard.sdk.config.ConfigProperty;
import dev.switchboard.sdk.config.ConfigSchema;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.config.InvalidConfigException;
import dev.switchboard.sdk.http.EgressHttp;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Forms connectors: a tenant admin defines forms as JSON Schemas, the assistant fills one in from the conversation, the
 * user reviews it on the confirmation card, and it is delivered to the form's HTTPS webhook signed with HMAC-SHA256
 * (scheme in {@link WebhookSignature}). Stateless.
 *
 * <p>Settings: {@code forms}, a JSON array of {@code {"name", "title", "description", "fields", "webhook"}} (two
 * examples to start from ship in the jar as {@code examples/forms.json}); {@code signingSecret} (secret), which the
 * receivers share; {@code allowHttpWebhooks}, off unless the receivers are test fakes or on a trusted self-hosted
 * network. The examples are deliberately not the setting's default: their webhooks are placeholders, and a connector
 * saved with an empty setting should be refused, not offer a refund form nobody designed.
 */
@Extension
public final class FormsActionConnectorFactory implements ActionConnectorFactory {

	static final int MIN_SECRET_LENGTH = 32;

	private static final ConfigSchema SCHEMA = ConfigSchema.of(
			ConfigProperty.string(FormDefinitions.SETTING, "Forms",
					"A JSON array of forms. Each is {\"name\": \"refund_request\", \"title\": \"Refund request\", "
							+ "\"description\": \"When to use it, for the assistant\", \"fields\": <JSON Schema of an "
							+ "object, draft 2020-12; put each field's help text in its description>, \"webhook\": "
							+ "\"https://…\"}. Start from examples/forms.json in the plugin's documentation.",
					true),
			ConfigProperty.secret("signingSecret", "Signing secret",
					"Shared with the receivers, which check the Switchboard-Signature header with it (HMAC-SHA256 of "
							+ "\"<t>.<body>\", keyed with the secret's UTF-8 bytes, surrounding spaces removed). At least " + MIN_SECRET_LENGTH + " characters, e.g. from: openssl rand -hex 32.",
					true),
			new ConfigProperty("allowHttpWebhooks", "Allow http:// webhooks (tests and trusted networks only)",
					"Leave off. When on, webhooks may use plain http://, e.g. a receiver on the same self-hosted network; "
							+ "submissions then travel unencrypted.",
					ConfigProperty.Type.BOOLEAN, false, false, "false", List.of()));

	private final Clock clock;

	/** The factory PF4J creates; signatures are timestamped with the system clock. */
	public FormsActionConnectorFactory() {
		this(Clock.systemUTC());
	}

	/** A factory whose signatures are timestamped with {@code clock}, for tests. */
	FormsActionConnectorFactory(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public String id() {
		return "forms";
	}

	@Override
	public String title() {
		return "Forms";
	}

	@Override
	public ConfigSchema configSchema() {
		return SCHEMA;
	}

	/** The hosts of the configured webhooks (with the port when the URL names one); never the end user's identity. */
	@Override
	public ConnectorPermissions permissions(InstanceConfig config) {
		Set<String> hosts = new LinkedHashSet<>();
		for (FormDefinition form : forms(SCHEMA.validate(config.values()))) {
			URI webhook = form.webhook();
			hosts.add(webhook.getPort() == -1 ? webhook.getHost() : webhook.getHost() + ":" + webhook.getPort());
		}
		return new ConnectorPermissions(hosts, false);
	}

	@Override
	public ActionConnector create(InstanceConfig config, EgressHttp http) {
		Map<String, String> values = SCHEMA.validate(config.values());
		// Pasted secrets often end in a newline; receivers are told the key is the secret without surrounding spaces.
		String secret = values.get("signingSecret").strip();
		if (secret.length() < MIN_SECRET_LENGTH) {
			throw new InvalidConfigException(Map.of("signingSecret", "must be at least " + MIN_SECRET_LENGTH
					+ " characters; generate one with: openssl rand -hex 32"));
		}
		return new FormsActionConnector(forms(values),
				new WebhookClient(http, new WebhookSignature(secret, clock)));
	}

	private static List<FormDefinition> forms(Map<String, String> values) {
		return FormDefinitions.parse(values.get(FormDefinitions.SETTING),
				Boolean.parseBoolean(values.get("allowHttpWebhooks")));
	}
}
