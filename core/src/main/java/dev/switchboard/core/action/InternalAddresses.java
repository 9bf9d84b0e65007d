package dev.switchboard.core.action;

import dev.switchboard.core.problem.Problem;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.sdk.config.ConfigProperty;
import dev.switchboard.sdk.config.ConfigSchema;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deployment's own network: loopback, private, link-local (cloud metadata) and other internal addresses. It is
 * the operator's, so only a platform admin points a plugin at it: connectors through {@code allowPrivateNetwork},
 * model backends through their URL settings, which are checked here when saved (a backend opens its own connections,
 * so a DNS answer that changes later is not caught; see the architecture page).
 */
@ApplicationScoped
public class InternalAddresses {

	private final Vertx vertx;

	public InternalAddresses(Vertx vertx) {
		this.vertx = vertx;
	}

	/** Loopback, unspecified, private (RFC 1918, IPv6 unique-local), link-local (cloud metadata), CGNAT, multicast. */
	static boolean internal(InetAddress address) {
		if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] b = address.getAddress();
		if (address instanceof Inet6Address) {
			return (b[0] & 0xfe) == 0xfc; // fc00::/7, which holds fd00:ec2::254
		}
		return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10
	}

	/**
	 * Fails with 403 {@code setting_requires_platform_admin} when a URL setting names a host that resolves to an
	 * internal address. Resolving blocks, so it runs on a worker and answers on the caller's context.
	 */
	public Uni<Void> refuseInUrlSettings(ConfigSchema schema, Map<String, String> settings) {
		return vertx.executeBlocking(Uni.createFrom().item(() -> {
			Map<String, String> refused = new LinkedHashMap<>();
			for (ConfigProperty property : schema.properties()) {
				String value = settings.get(property.name());
				if (property.type() == ConfigProperty.Type.URL && value != null && !value.isBlank() && resolvesInside(value)) {
					refused.put(property.name(), "names a loopback, private or link-local address");
				}
			}
			if (!refused.isEmpty()) {
				throw new ProblemException(Problem.of(403, "setting_requires_platform_admin", "Platform admin only",
						"Only a platform admin may point a plugin at loopback, private or link-local addresses.")
						.withErrors(refused));
			}
			return null;
		}));
	}

	private static boolean resolvesInside(String url) {
		String host;
		try {
			host = URI.create(url.strip()).getHost();
		} catch (IllegalArgumentException e) {
			return false; // the schema's own validation names a malformed URL
		}
		if (host == null) {
			return false;
		}
		try {
			for (InetAddress address : InetAddress.getAllByName(host.replaceAll("^\\[|\\]$", ""))) {
				if (internal(address)) {
					return true;
				}
			}
			return false;
		} catch (UnknownHostException e) {
			return false; // nothing to reach; the backend reports it when called
		}
	}
}
