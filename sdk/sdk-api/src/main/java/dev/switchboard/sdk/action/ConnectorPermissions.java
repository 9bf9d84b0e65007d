package dev.switchboard.sdk.action;

import java.util.Objects;
import java.util.Set;

/**
 * What a connector needs from the host. The admin sees it before installing and enabling the plugin, and the host
 * enforces it: {@link dev.switchboard.sdk.http.EgressHttp} reaches only {@link #hosts()}, and the end user's token
 * reaches the connector only when {@link #receivesEndUserIdentity()}.
 *
 * @param hosts                   host names the connector calls; a leading {@code *.} matches any subdomain, e.g.
 *                                {@code *.atlassian.net}
 * @param receivesEndUserIdentity whether the connector forwards the verified end user's identity token
 */
public record ConnectorPermissions(Set<String> hosts, boolean receivesEndUserIdentity) {

	public ConnectorPermissions {
		hosts = Set.copyOf(Objects.requireNonNull(hosts, "hosts"));
		for (String host : hosts) {
			if (!host.matches("(\\*\\.)?[A-Za-z0-9.-]+(:\\d+)?")) {
				throw new IllegalArgumentException("not a host name or *.domain pattern: " + host);
			}
		}
	}

	/** Calls only the given hosts and never sees the end user's identity. */
	public static ConnectorPermissions hosts(String... hosts) {
		return new ConnectorPermissions(Set.of(hosts), false);
	}
}
