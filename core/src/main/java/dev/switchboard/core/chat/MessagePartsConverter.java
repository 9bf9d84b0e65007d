package dev.switchboard.core.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/** Stores message parts as JSON text (the column is jsonb; see the column's write transformer). */
@Converter
public class MessagePartsConverter implements AttributeConverter<List<MessagePart>, String> {

	private static final ObjectMapper MAPPER = new ObjectMapper();
	private static final TypeReference<List<MessagePart>> TYPE = new TypeReference<>() {
	};

	@Override
	public String convertToDatabaseColumn(List<MessagePart> parts) {
		try {
			return MAPPER.writeValueAsString(parts);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	@Override
	public List<MessagePart> convertToEntityAttribute(String json) {
		try {
			return MAPPER.readValue(json, TYPE);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("unreadable message parts", e);
		}
	}
}
