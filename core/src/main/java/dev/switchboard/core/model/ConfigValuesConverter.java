package dev.switchboard.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Map;

/** Stores configuration values as JSON text (the column is jsonb; see the column's write transformer). */
@Converter
public class ConfigValuesConverter implements AttributeConverter<Map<String, String>, String> {

	private static final ObjectMapper MAPPER = new ObjectMapper();
	private static final TypeReference<Map<String, String>> TYPE = new TypeReference<>() {
	};

	@Override
	public String convertToDatabaseColumn(Map<String, String> values) {
		try {
			return MAPPER.writeValueAsString(values);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	@Override
	public Map<String, String> convertToEntityAttribute(String json) {
		try {
			return MAPPER.readValue(json, TYPE);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("unreadable configuration", e);
		}
	}
}
