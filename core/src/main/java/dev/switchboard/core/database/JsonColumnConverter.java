package dev.switchboard.core.database;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;

/**
 * Stores a value as JSON text in a {@code jsonb} column (mapped with {@code read = "<column>::text", write =
 * "?::text::jsonb"}): the reactive driver would otherwise bind a Java string as a JSON string, not as a document.
 */
public abstract class JsonColumnConverter<T> implements AttributeConverter<T, String> {

	private static final ObjectMapper MAPPER = new ObjectMapper();
	private final TypeReference<T> type;

	protected JsonColumnConverter(TypeReference<T> type) {
		this.type = type;
	}

	@Override
	public String convertToDatabaseColumn(T value) {
		try {
			return MAPPER.writeValueAsString(value);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	@Override
	public T convertToEntityAttribute(String json) {
		try {
			return MAPPER.readValue(json, type);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("unreadable JSON column", e);
		}
	}
}
