package dev.switchboard.plugins.jira.internal.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Plain text as an Atlassian Document Format document, which Jira Cloud's REST v3 requires for descriptions and
 * comments: blank lines separate paragraphs, single line breaks become {@code hardBreak} nodes. ADF forbids empty
 * text nodes, so blank lines never produce one. Stateless.
 */
public final class Adf {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private Adf() {
	}

	/** The document {@code {"type":"doc","version":1,"content":[paragraphs]}} for {@code text}. */
	public static ObjectNode document(String text) {
		ObjectNode doc = NODES.objectNode().put("type", "doc").put("version", 1);
		ArrayNode paragraphs = doc.putArray("content");
		for (String block : text.strip().split("\\R\\s*\\R")) {
			if (block.isBlank()) {
				continue;
			}
			ArrayNode inline = paragraphs.addObject().put("type", "paragraph").putArray("content");
			String[] lines = block.strip().split("\\R");
			for (int i = 0; i < lines.length; i++) {
				if (i > 0) {
					inline.addObject().put("type", "hardBreak");
				}
				inline.addObject().put("type", "text").put("text", lines[i]);
			}
		}
		return doc;
	}
}
