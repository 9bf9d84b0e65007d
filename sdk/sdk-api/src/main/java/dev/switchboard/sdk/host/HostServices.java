package dev.switchboard.sdk.host;

import dev.switchboard.sdk.http.EgressHttp;
import dev.switchboard.sdk.store.RecordStore;

/**
 * What the host lends a connector for its whole life, handed to
 * {@link dev.switchboard.sdk.action.ActionConnectorFactory#create}: every service is already bound to the tenant and
 * the connector instance, so a connector can reach nothing of another tenant or instance.
 *
 * <p>Only hosts implement this interface (core, and the test kit's {@code TestHostServices}); plugins only call it. A
 * new service is a new method here, so a plugin compiled against an older SDK keeps working. Thread-safe; the services
 * may be kept in fields and used from any thread, and block, so call them off an event loop (the host already calls
 * {@link dev.switchboard.sdk.action.ActionConnector#invoke} on a worker thread).
 */
public interface HostServices {

	/** The connector's only way to the network, limited to the hosts it declared. */
	EgressHttp http();

	/** Records the host keeps for the connector in its own database, listed for admins in the host's API. */
	RecordStore records();
}
