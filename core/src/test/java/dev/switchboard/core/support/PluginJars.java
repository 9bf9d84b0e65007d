package dev.switchboard.core.support;

import dev.switchboard.core.plugin.PluginHost;
import dev.switchboard.core.plugin.PluginSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** The plugin jars this build produced, and new releases of them. */
public final class PluginJars {

	private PluginJars() {
	}

	/** A jar the build put into the plugins directory, e.g. {@code model-openai.jar}. */
	public static Path built(String file) {
		return Path.of(System.getProperty("switchboard.test.plugins-dir", "../target/plugins")).resolve(file);
	}

	/** A copy of a plugin jar under another {@code Plugin-Version}: a new release of the same code. */
	public static Path withVersion(Path jar, String version, Path dir) {
		Path copy = dir.resolve(jar.getFileName().toString().replace(".jar", "-" + version + ".jar"));
		try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
			Manifest manifest = new Manifest(in.getManifest());
			manifest.getMainAttributes().putValue("Plugin-Version", version);
			try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy), manifest)) {
				for (JarEntry entry; (entry = in.getNextJarEntry()) != null;) {
					out.putNextEntry(new JarEntry(entry.getName()));
					in.transferTo(out);
					out.closeEntry();
				}
			}
			return copy;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A plugin host of its own over a plugins directory holding copies of these built jars; started. */
	public static PluginHost startHost(Path dir, String... builtJars) {
		try {
			Path pluginsDir = Files.createDirectories(dir.resolve("plugins"));
			for (String jar : builtJars) {
				Files.copy(built(jar), pluginsDir.resolve(jar));
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		PluginHost host = new PluginHost(dir.resolve("plugins"), new PluginSources() {
			@Override
			public Set<String> overriddenIds() {
				return Set.of();
			}

			@Override
			public List<Path> installedJars() {
				return List.of();
			}
		});
		host.start();
		return host;
	}
}
