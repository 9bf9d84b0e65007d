package dev.switchboard.sdk.model;

/** One part of a message's content: text or an image. */
public sealed interface ContentPart permits ContentPart.Text, ContentPart.Image {

	/**
	 * Text content.
	 *
	 * @param text the text, never null
	 */
	record Text(String text) implements ContentPart {
		public Text {
			java.util.Objects.requireNonNull(text, "text");
		}
	}

	/**
	 * An image, as bytes the host already holds (uploads are stored by the host, so no plugin fetches user URLs).
	 *
	 * @param mediaType e.g. {@code image/png}
	 * @param data      the encoded image bytes
	 */
	record Image(String mediaType, byte[] data) implements ContentPart {
		public Image {
			java.util.Objects.requireNonNull(mediaType, "mediaType");
			java.util.Objects.requireNonNull(data, "data");
		}

		/** The image as a {@code data:} URL, the form most chat APIs accept. */
		public String dataUrl() {
			return "data:" + mediaType + ";base64," + java.util.Base64.getEncoder().encodeToString(data);
		}
	}
}
