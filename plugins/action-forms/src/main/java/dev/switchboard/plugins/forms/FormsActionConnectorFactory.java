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
import dev.switchboard.sdk.host.HostServices;
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
 * (scheme in {@link WebhookSignature}), or stored in Switchboard for admins to list in its API. Stateless.
 *
 * <p>Settings: {@code forms}, a JSON array of {@code {"name", "title", "description", "fields", "destination",
 * "webhook"}} (two examples to start from ship in the jar as {@code examples/forms.json}); {@code signingSecret}
 * (secret), which the receivers share, required when a form goes to a webhook; {@code allowHttpWebhooks}, off unless
 * the receivers are test fakes or on a trusted self-hosted network. The examples are deliberately not the setting's default: their webhooks are placeholders, and a connector
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
							+ "\"https://…\"}, or \"destination\": \"stored\" instead of a webhook to keep submissions in "
							+ "Switchboard. Start from examples/forms.json in the plugin's documentation.",
					true),
			ConfigProperty.secret("signingSecret", "Signing secret",
					"Required when a form goes to a webhook. Shared with the receivers, which check the "
							+ "Switchboard-Signature header with it (HMAC-SHA256 of \"<t>.<body>\", keyed with the secret's "
							+ "UTF-8 bytes, surrounding spaces removed). At least " + MIN_SECRET_LENGTH
							+ " characters, e.g. from: openssl rand -hex 32.",
					false),
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

	/**
	 * The hosts of the configured webhooks (with the port when the URL names one; none for stored forms); never the end
	 * user's identity.
	 */
	@Override
	public ConnectorPermissions permissions(InstanceConfig config) {
		Set<String> hosts = new LinkedHashSet<>();
		for (FormDefinition form : forms(SCHEMA.validate(config.values()))) {
			URI webhook = form.webhook();
			if (webhook == null) {
				continue;
			}
			hosts.add(webhook.getPort() == -1 ? webhook.getHost() : webhook.getHost() + ":" + webhook.getPort());
		}
		return new ConnectorPermissions(hosts, false);
	}

	@Override
	public ActionConnector create(InstanceConfig config, HostServices host) {
		Map<String, String> values = SCHEMA.validate(config.values());
		List<FormDefinition> forms = forms(values);
		boolean webhooks = forms.stream().anyMatch(form -> form.destination() == FormDefinition.Destination.WEBHOOK);
		// Pasted secrets often end in a newline; receivers are told the key is the secret without surrounding spaces.
		String secret = values.getOrDefault("signingSecret", "").strip();
		if (webhooks && secret.isEmpty()) {
			throw new InvalidConfigException(Map.of("signingSecret", "is required when a form goes to a webhook"));
		}
		if (!secret.isEmpty() && secret.length() < MIN_SECRET_LENGTH) {
			throw new InvalidConfigException(Map.of("signingSecret", "must be at least " + MIN_SECRET_LENGTH
					+ " characters; generate one with: openssl rand -hex 32"));
		}
		return new FormsActionConnector(forms,
				webhooks ? new WebhookClient(host.http(), new WebhookSignature(secret, clock)) : null, host.records());
	}

	private static List<FormDefinition> forms(Map<String, String> values) {
		return FormDefinitions.parse(values.get(FormDefinitions.SETTING),
				Boolean.parseBoolean(values.get("allowHttpWebhooks")));
	}
}
