package dev.switchboard.core.web;

import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Jackson's buffers come from one pool shared by all threads. Its default keeps them per thread, and every request
 * here runs on a new virtual thread, so each JSON read or write would allocate fresh buffers.
 */
@Singleton
public class SharedJsonBuffers implements ObjectMapperCustomizer {

	@Override
	public void customize(ObjectMapper mapper) {
		mapper.getFactory().setRecyclerPool(JsonRecyclerPools.sharedConcurrentDequePool());
	}
}
