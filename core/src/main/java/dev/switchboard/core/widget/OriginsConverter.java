package dev.switchboard.core.widget;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.switchboard.core.database.JsonColumnConverter;
import jakarta.persistence.Converter;
import java.util.List;

/** A widget's allowed origins, as a JSON array. */
@Converter
public class OriginsConverter extends JsonColumnConverter<List<String>> {

	public OriginsConverter() {
		super(new TypeReference<>() {
		});
	}
}
