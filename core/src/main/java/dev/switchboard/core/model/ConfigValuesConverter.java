package dev.switchboard.core.model;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.switchboard.core.database.JsonColumnConverter;
import jakarta.persistence.Converter;
import java.util.Map;

/** A backend's settings, as a JSON object (secret values already encrypted). */
@Converter
public class ConfigValuesConverter extends JsonColumnConverter<Map<String, String>> {

	public ConfigValuesConverter() {
		super(new TypeReference<>() {
		});
	}
}
