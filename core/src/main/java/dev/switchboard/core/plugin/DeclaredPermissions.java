package dev.switchboard.core.plugin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.switchboard.sdk.action.ConnectorPermissions;
import dev.switchboard.sdk.config.ConfigProperty;
import dev.switchboard.sdk.config.ConfigSchema;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a plugin declares it needs, in its signed jar's MANIFEST, before any instance is configured. The marketplace
 * index repeats it (and install checks that the two agree), the admin sees it before installing and configuring, and
 * the host holds every configured instance to it: a connector may reach a declared host, or a host the admin typed
 * into one of the declared settings, and nothing else.
 *
 * @param hosts             {@code Plugin-Hosts}: hosts it calls whatever the configuration; {@code *.} matches any
 *                          subdomain
 * @param hostsFromSettings {@code Plugin-Hosts-From-Settings}: settings whose values name further hosts (a site URL,
 *                          a webhook, a proxy); empty when it calls only {@code hosts}
 * @param endUserIdentity   {@code Plugin-End-User-Identity}: whether a connector may receive the end user's identity
 *                          token
 * @param secrets           {@code Plugin-Secrets}: whether it takes secret settings, stored encrypted
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(name = "PluginPermissions", description = "What a plugin declares it needs. No hosts and no hostsFromSettings: "
		+ "it calls no network host.")
public record DeclaredPermissions(
		@Schema(example = "[\"api.hubapi.com\"]") List<String> hosts,
		@Schema(example = "[\"baseUrl\"]") List<String> hostsFromSettings,
		boolean endUserIdentity,
		boolean secrets) {

	public static final String HOSTS = "Plugin-Hosts";
	public static final String HOSTS_FROM_SETTINGS = "Plugin-Hosts-From-Settings";
	public static final String END_USER_IDENTITY = "Plugin-End-User-Identity";
	public static final String SECRETS = "Plugin-Secrets";

	private static final Pattern HOST = Pattern.compile("(\\*\\.)?[a-z0-9.-]+");

	public DeclaredPermissions {
		hosts = hosts == null ? List.of() : hosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
		hostsFromSettings = hostsFromSettings == null ? List.of() : List.copyOf(hostsFromSettings);
		for (String host : hosts) {
			if (!HOST.matcher(host).matches()) {
				throw new IllegalArgumentException(HOSTS + " holds '" + host + "', not a host name or *.domain pattern");
			}
		}
	}

	/** Nothing: no network, no identity, no secrets. */
	public static final DeclaredPermissions NONE = new DeclaredPermissions(List.of(), List.of(), false, false);

	/** The declaration in a jar's MANIFEST; absent entries declare nothing. */
	public static DeclaredPermissions of(Path jar) throws IOException {
		try (JarFile file = new JarFile(jar.toFile())) {
			return file.getManifest() == null ? NONE : of(file.getManifest().getMainAttributes());
		}
	}

	static DeclaredPermissions of(Attributes manifest) {
		return new DeclaredPermissions(list(manifest.getValue(HOSTS)), list(manifest.getValue(HOSTS_FROM_SETTINGS)),
				Boolean.parseBoolean(manifest.getValue(END_USER_IDENTITY)), Boolean.parseBoolean(manifest.getValue(SECRETS)));
	}

	/**
	 * Refuses a connector configuration whose permissions go beyond the declaration.
	 *
	 * @throws UndeclaredPermissionException naming the setting that asks for more (or {@code hosts} when the plugin
	 *                                       itself does)
	 */
	void check(String pluginId, ConnectorPermissions asked, Map<String, String> settings) {
		Map<String, String> problems = new LinkedHashMap<>();
		for (String host : asked.hosts()) {
			String name = host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
			if (!covers(name, settings)) {
				problems.putIfAbsent(settingNaming(name, settings), refusal(pluginId, name));
			}
		}
		if (asked.receivesEndUserIdentity() && !endUserIdentity) {
			problems.put("endUserIdentity", "plugin " + pluginId + " does not declare " + END_USER_IDENTITY
					+ ", so a connector of it never receives the end user's identity token");
		}
		if (!problems.isEmpty()) {
			throw new UndeclaredPermissionException(problems);
		}
	}

	/** Refuses a model backend configuration whose URL settings name a host beyond the declaration. */
	void checkUrls(String pluginId, ConfigSchema schema, Map<String, String> settings) {
		Map<String, String> problems = new LinkedHashMap<>();
		for (ConfigProperty property : schema.properties()) {
			String value = settings.get(property.name());
			if (property.type() != ConfigProperty.Type.URL || value == null || value.isBlank()
					|| hostsFromSettings.contains(property.name())) {
				continue;
			}
			String host = hostOf(value);
			if (host != null && hosts.stream().noneMatch(pattern -> matches(pattern, host))) {
				problems.put(property.name(), refusal(pluginId, host));
			}
		}
		if (!problems.isEmpty()) {
			throw new UndeclaredPermissionException(problems);
		}
	}

	/** Why a plugin's own schema contradicts its declaration, if it does; such a plugin is not started. */
	String contradiction(String factoryId, ConfigSchema schema) {
		List<String> secretNames = schema.secretNames();
		if (!secretNames.isEmpty() && !secrets) {
			return "factory " + factoryId + " takes the secret settings " + secretNames + " but the plugin does not "
					+ "declare " + SECRETS + ": true";
		}
		return null;
	}

	private boolean covers(String host, Map<String, String> settings) {
		if (hosts.stream().anyMatch(pattern -> matches(pattern, host))) {
			return true;
		}
		// The host must be one the admin typed, as a URL's host, into a setting the plugin declared.
		Pattern typed = Pattern.compile("//([^/@\\s\"']*@)?" + Pattern.quote(host) + "(?![a-z0-9.-])",
				Pattern.CASE_INSENSITIVE);
		return hostsFromSettings.stream().map(settings::get)
				.anyMatch(value -> value != null && typed.matcher(value).find());
	}

	private String settingNaming(String host, Map<String, String> settings) {
		return settings.entrySet().stream()
				.filter(e -> e.getValue() != null && e.getValue().toLowerCase(Locale.ROOT).contains(host))
				.map(Map.Entry::getKey).findFirst().orElse("hosts");
	}

	private String refusal(String pluginId, String host) {
		return "host " + host + " is outside what plugin " + pluginId + " declared: " + describe();
	}

	/** The whole declaration in words. */
	public String summary() {
		return describe() + "; end-user identity: " + (endUserIdentity ? "yes" : "no") + "; secrets: "
				+ (secrets ? "yes" : "no");
	}

	/** The network part of the declaration in words. */
	String describe() {
		if (hosts.isEmpty() && hostsFromSettings.isEmpty()) {
			return "no network access";
		}
		String fixed = hosts.isEmpty() ? "" : "hosts " + String.join(", ", hosts);
		String configured = hostsFromSettings.isEmpty() ? ""
				: "the hosts named in its settings " + String.join(", ", hostsFromSettings);
		return fixed.isEmpty() ? configured : configured.isEmpty() ? fixed : fixed + " and " + configured;
	}

	private static boolean matches(String pattern, String host) {
		return pattern.startsWith("*.") ? host.endsWith(pattern.substring(1)) : host.equals(pattern);
	}

	private static String hostOf(String url) {
		try {
			String host = URI.create(url.strip()).getHost();
			return host == null ? null : host.toLowerCase(Locale.ROOT);
		} catch (IllegalArgumentException e) {
			return null;
		}
	}

	private static List<String> list(String value) {
		return value == null || value.isBlank() ? List.of()
				: Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}
}
