package dev.switchboard.core.widget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/** Stores the allowed origins as a JSON array. */
@Converter
public class OriginsConverter implements AttributeConverter<List<String>, String> {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	@Override
	public String convertToDatabaseColumn(List<String> origins) {
		try {
			return MAPPER.writeValueAsString(origins);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	@Override
	public List<String> convertToEntityAttribute(String json) {
		try {
			return MAPPER.readValue(json, new TypeReference<List<String>>() {
			});
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("unreadable origins", e);
		}
	}
}
