package dev.switchboard.sdk.signer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A marketplace repository on disk: {@code index.json} plus one folder of jars per plugin
 * ({@code <id>/<id>-<version>.jar}). Serve the folder over HTTPS as it is, or point a deployment at it as a directory.
 * Publishing is safe when several builds publish into the same folder at once (a file lock guards the index).
 */
public final class MarketplaceRepository {

	/** The index's file name. */
	public static final String INDEX = "index.json";

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	private final Path root;

	public MarketplaceRepository(Path root) {
		this.root = root;
	}

	/**
	 * Copies the signed jar into the repository and adds its release to the index, replacing a release of the same
	 * version; the plugin's own fields (name, description, ...) are taken from this newest publication.
	 *
	 * @return the index entry of the release
	 */
	public ObjectNode publish(Path jar, PluginRelease release) throws IOException {
		Files.createDirectories(root);
		String url = release.id() + "/" + release.id() + "-" + release.version() + ".jar";
		try (FileChannel lockFile = FileChannel.open(root.resolve(".index.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
			Path target = root.resolve(url);
			Files.createDirectories(target.getParent());
			Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
			ObjectNode index = readIndex();
			ArrayNode plugins = index.withArray("plugins");
			ObjectNode plugin = release.pluginEntry(JSON);
			ArrayNode releases = plugin.withArray("releases");
			for (int i = 0; i < plugins.size(); i++) {
				if (release.id().equals(plugins.get(i).path("id").asText())) {
					for (JsonNode earlier : plugins.get(i).path("releases")) {
						if (!release.version().equals(earlier.path("version").asText())) {
							releases.add(earlier);
						}
					}
					plugins.remove(i);
					break;
				}
			}
			ObjectNode entry = release.releaseEntry(JSON, url);
			releases.insert(0, entry);
			plugins.add(plugin);
			Path written = root.resolve(INDEX + ".tmp");
			JSON.writeValue(written.toFile(), index);
			Files.move(written, root.resolve(INDEX), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return entry;
		}
	}

	private ObjectNode readIndex() throws IOException {
		Path index = root.resolve(INDEX);
		if (!Files.exists(index)) {
			ObjectNode empty = JSON.createObjectNode();
			empty.putArray("plugins");
			return empty;
		}
		return (ObjectNode) JSON.readTree(index.toFile());
	}
}
