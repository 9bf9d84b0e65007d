package dev.switchboard.core.chat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.switchboard.core.database.JsonColumnConverter;
import jakarta.persistence.Converter;

/** A message's trace, as a JSON object. */
@Converter
public class TurnTraceConverter extends JsonColumnConverter<TurnTrace> {

	public TurnTraceConverter() {
		super(new TypeReference<>() {
		});
	}
}
