package dev.switchboard.core.chat;

import dev.switchboard.core.chat.ChatApi.InputPart;
import dev.switchboard.core.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks a user message against the configured limits before anything is stored, and decodes its images. Images
 * are checked by their bytes, not by the media type the client claims.
 */
@ApplicationScoped
public class MessageLimits {

	private static final Map<String, byte[]> SIGNATURES = Map.of(
			"image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G' },
			"image/jpeg", new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF },
			"image/gif", new byte[] { 'G', 'I', 'F', '8' },
			"image/webp", new byte[] { 'R', 'I', 'F', 'F' });

	private final int maxTextChars;
	private final int maxImageBytes;
	private final int maxImages;

	public MessageLimits(@ConfigProperty(name = "switchboard.chat.max-text-chars") int maxTextChars,
			@ConfigProperty(name = "switchboard.chat.max-image-bytes") int maxImageBytes,
			@ConfigProperty(name = "switchboard.chat.max-images") int maxImages) {
		this.maxTextChars = maxTextChars;
		this.maxImageBytes = maxImageBytes;
		this.maxImages = maxImages;
	}

	/** A part that passed the checks: text, or decoded image bytes with their media type. */
	record CheckedPart(String text, String mediaType, byte[] image) {
	}

	List<CheckedPart> check(List<InputPart> parts) {
		List<CheckedPart> checked = new ArrayList<>();
		int chars = 0;
		int images = 0;
		for (int i = 0; i < parts.size(); i++) {
			InputPart part = parts.get(i);
			switch (part.type()) {
				case "text" -> {
					if (part.text() == null || part.text().isBlank()) {
						throw ProblemException.badRequest("empty_text", "Part " + i + " is a text part without text.");
					}
					chars += part.text().length();
					checked.add(new CheckedPart(part.text(), null, null));
				}
				case "image" -> {
					images++;
					checked.add(new CheckedPart(null, part.mediaType(), image(i, part)));
				}
				default -> throw ProblemException.badRequest("unknown_part_type",
						"Part " + i + " has type '" + part.type() + "'; use 'text' or 'image'.");
			}
		}
		if (chars > maxTextChars) {
			throw new ProblemException(413, "message_too_long", "Message too long",
					"The message has " + chars + " characters; the limit is " + maxTextChars + ".");
		}
		if (images > maxImages) {
			throw new ProblemException(413, "too_many_images", "Too many images",
					"The message has " + images + " images; the limit is " + maxImages + ".");
		}
		return checked;
	}

	private byte[] image(int index, InputPart part) {
		byte[] signature = part.mediaType() == null ? null : SIGNATURES.get(part.mediaType());
		if (signature == null) {
			throw new ProblemException(415, "unsupported_image_type", "Unsupported image type",
					"Part " + index + " has media type '" + part.mediaType() + "'; send image/png, image/jpeg, image/webp or image/gif.");
		}
		if (part.data() == null || part.data().isEmpty()) {
			throw ProblemException.badRequest("invalid_image", "Part " + index + " is an image part without data.");
		}
		// Base64 is 4/3 of the bytes: refuse before decoding an oversized image.
		if ((long) part.data().length() * 3 / 4 > maxImageBytes + 2L) {
			throw imageTooLarge(index);
		}
		byte[] bytes;
		try {
			bytes = Base64.getMimeDecoder().decode(part.data());
		} catch (IllegalArgumentException e) {
			throw ProblemException.badRequest("invalid_image", "Part " + index + " is not valid base64.");
		}
		if (bytes.length > maxImageBytes) {
			throw imageTooLarge(index);
		}
		if (startsWith(bytes, signature)) {
			return bytes;
		}
		throw ProblemException.badRequest("invalid_image",
				"Part " + index + " does not hold a " + part.mediaType() + " image.");
	}

	private ProblemException imageTooLarge(int index) {
		return new ProblemException(413, "image_too_large", "Image too large",
				"Part " + index + " is larger than the limit of " + maxImageBytes + " bytes.");
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}
}
