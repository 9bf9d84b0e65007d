package dev.switchboard.core.action;

import dev.switchboard.sdk.host.HostServices;
import dev.switchboard.sdk.http.EgressHttp;
import dev.switchboard.sdk.store.RecordStore;

/** What core lends one connector instance: its egress guard and its record store, both bound to tenant and instance. */
record ConnectorHost(EgressHttp http, RecordStore records) implements HostServices {
}
