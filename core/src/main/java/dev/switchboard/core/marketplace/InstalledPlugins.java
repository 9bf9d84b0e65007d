package dev.switchboard.core.marketplace;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.core.plugin.PluginSources;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The record of what the marketplace installed and uninstalled, kept as {@code installed.json} beside the installed
 * jars in {@code switchboard.marketplace.install-dir}, so the installed set survives restarts: the host loads these
 * jars at start and leaves the plugins-directory jars of the same ids (and of uninstalled ids) unloaded.
 */
@ApplicationScoped
public class InstalledPlugins implements PluginSources {

	/** One install: which jar in the install directory, and where it came from. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Install(String version, String file, String sha512, String keyId, String repository, String installedAt) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Record(Map<String, Install> installed, Set<String> uninstalled) {

		Record {
			installed = installed == null ? new TreeMap<>() : new TreeMap<>(installed);
			uninstalled = uninstalled == null ? new TreeSet<>() : new TreeSet<>(uninstalled);
		}
	}

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	private final Path directory;
	private Record record;

	InstalledPlugins(MarketplaceSettings settings) {
		this.directory = settings.installDir().toAbsolutePath().normalize();
		this.record = read();
	}

	/** Where installed jars live. */
	Path directory() {
		return directory;
	}

	@Override
	public synchronized Set<String> overriddenIds() {
		Set<String> ids = new TreeSet<>(record.installed().keySet());
		ids.addAll(record.uninstalled());
		return ids;
	}

	@Override
	public synchronized List<Path> installedJars() {
		List<Path> jars = new ArrayList<>();
		record.installed().values().forEach(install -> jars.add(directory.resolve(install.file())));
		return jars;
	}

	synchronized Optional<Install> install(String pluginId) {
		return Optional.ofNullable(record.installed().get(pluginId));
	}

	synchronized void recordInstall(String pluginId, Install install) {
		Record next = new Record(record.installed(), record.uninstalled());
		next.installed().put(pluginId, install);
		next.uninstalled().remove(pluginId);
		write(next);
	}

	/** Records an uninstall; a plugins-directory jar of that id stays unloaded from now on too. */
	synchronized void recordUninstall(String pluginId) {
		Record next = new Record(record.installed(), record.uninstalled());
		next.installed().remove(pluginId);
		next.uninstalled().add(pluginId);
		write(next);
	}

	private void write(Record next) {
		try {
			Files.createDirectories(directory);
			Path temporary = directory.resolve("installed.json.tmp");
			JSON.writeValue(temporary.toFile(), next);
			Files.move(temporary, directory.resolve("installed.json"), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
			record = next;
		} catch (IOException e) {
			throw new UncheckedIOException("cannot write the record of installed plugins in " + directory, e);
		}
	}

	private Record read() {
		Path file = directory.resolve("installed.json");
		if (!Files.exists(file)) {
			return new Record(null, null);
		}
		try {
			return JSON.readValue(file.toFile(), Record.class);
		} catch (IOException e) {
			throw new UncheckedIOException("cannot read the record of installed plugins " + file, e);
		}
	}
}
