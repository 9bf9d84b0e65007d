package dev.switchboard.core.chat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.switchboard.core.database.JsonColumnConverter;
import jakarta.persistence.Converter;
import java.util.List;

/** A message's parts, as a JSON array. */
@Converter
public class MessagePartsConverter extends JsonColumnConverter<List<MessagePart>> {

	public MessagePartsConverter() {
		super(new TypeReference<>() {
		});
	}
}
