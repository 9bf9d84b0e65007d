package dev.switchboard.plugins.openai.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The plugin's one JSON mapper. Its buffers come from a pool shared by all threads: the host calls a backend on a new
 * virtual thread each time, where Jackson's default per-thread pool would allocate fresh buffers for every call.
 */
public final class Json {

	public static final ObjectMapper MAPPER = JsonMapper
			.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build()).build();

	private Json() {
	}
}
