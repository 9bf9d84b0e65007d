package dev.switchboard.core.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Temporary directories of the tests: each is deleted, with all it holds, by whoever made it, when done. */
public final class TempDirs {

	private TempDirs() {
	}

	/** Deletes the directory and everything in it; nothing happens when it is already gone. */
	public static void delete(Path dir) {
		if (dir == null || !Files.exists(dir)) {
			return;
		}
		try (var paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
