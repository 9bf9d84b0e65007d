package dev.switchboard.sdk.testkit.host;

import dev.switchboard.sdk.host.HostServices;
import dev.switchboard.sdk.http.EgressHttp;
import dev.switchboard.sdk.testkit.http.TestEgressHttp;
import dev.switchboard.sdk.testkit.store.InMemoryRecordStore;
import java.util.Objects;

/**
 * The {@link HostServices} a plugin test hands its factory's {@code create}: a {@link TestEgressHttp} (or any
 * {@link EgressHttp}) and an {@link InMemoryRecordStore}, both kept for the test's assertions. Immutable.
 *
 * @param http    the egress the connector uses
 * @param records the store the connector uses
 */
public record TestHostServices(EgressHttp http, InMemoryRecordStore records) implements HostServices {

	public TestHostServices {
		Objects.requireNonNull(http, "http");
		Objects.requireNonNull(records, "records");
	}

	/** Services with this egress and a fresh, empty record store. */
	public static TestHostServices with(EgressHttp http) {
		return new TestHostServices(http, new InMemoryRecordStore());
	}

	/** Services whose egress allows exactly these host names, with a fresh, empty record store. */
	public static TestHostServices allowing(String... hosts) {
		return with(TestEgressHttp.allowing(hosts));
	}
}
