package dev.switchboard.sdk.testkit;

import dev.switchboard.sdk.SdkVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Builds a real PF4J plugin jar, so a test can load it the way the host does (e.g. with PF4J's
 * {@code JarPluginManager} pointed at a JUnit {@code @TempDir}). Modelled on PF4J's own test helper
 * {@code org.pf4j.test.PluginJar}.
 *
 * <p>The manifest carries {@code Plugin-Id}, {@code Plugin-Version}, {@code Plugin-Requires} (by default the current
 * SDK minor series), {@code Plugin-Provider} and, when set, {@code Plugin-Class}. Extensions are copied as
 * {@code .class} bytes from the test class path and listed in {@code META-INF/extensions.idx}. To build a deliberately
 * broken jar, remove a manifest attribute ({@link #manifestAttribute} with {@code null}), list an extension whose
 * class is not in the jar ({@link #extensionName}), or require another SDK ({@link #requires}).
 *
 * <pre>{@code
 * Path jar = PluginJarBuilder.plugin("model-acme", "1.0.0")
 *         .extension(AcmeModelBackendFactory.class)
 *         .build(tempDir);
 * }</pre>
 *
 * Not thread-safe; build each jar on one thread.
 */
public final class PluginJarBuilder {

	private final Map<String, String> manifest = new LinkedHashMap<>();
	private final Set<String> extensions = new LinkedHashSet<>();
	private final Map<String, byte[]> entries = new LinkedHashMap<>();
	private final String pluginId;
	private final String version;

	private PluginJarBuilder(String pluginId, String version) {
		this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
		this.version = Objects.requireNonNull(version, "version");
		manifest.put("Plugin-Id", pluginId);
		manifest.put("Plugin-Version", version);
		manifest.put("Plugin-Requires", currentSdkSeries());
		manifest.put("Plugin-Provider", "Switchboard test kit");
	}

	/** Starts a jar for plugin {@code pluginId} at {@code version}. */
	public static PluginJarBuilder plugin(String pluginId, String version) {
		return new PluginJarBuilder(pluginId, version);
	}

	/** The {@code Plugin-Requires} range the jar declares, e.g. {@code >=0.1.0 & <0.2.0}. */
	public PluginJarBuilder requires(String range) {
		return manifestAttribute("Plugin-Requires", range);
	}

	/** Names the plugin class in the manifest and copies its bytes into the jar. */
	public PluginJarBuilder pluginClass(Class<?> pluginClass) {
		addClass(pluginClass);
		return manifestAttribute("Plugin-Class", pluginClass.getName());
	}

	/** Sets a manifest attribute, or removes it when {@code value} is {@code null}. */
	public PluginJarBuilder manifestAttribute(String name, String value) {
		if (value == null) {
			manifest.remove(name);
		} else {
			manifest.put(name, value);
		}
		return this;
	}

	/** Copies an extension class (and its nested classes) into the jar and lists it in {@code extensions.idx}. */
	public PluginJarBuilder extension(Class<?> extensionClass) {
		addClass(extensionClass);
		return extensionName(extensionClass.getName());
	}

	/** Lists a class name in {@code extensions.idx} without copying any bytes (for a jar that misses a class). */
	public PluginJarBuilder extensionName(String className) {
		extensions.add(className);
		return this;
	}

	/** Copies a class and its nested and anonymous classes into the jar, from the class loader that loaded it. */
	public PluginJarBuilder addClass(Class<?> type) {
		String resource = type.getName().replace('.', '/') + ".class";
		entries.put(resource, read(type, resource));
		for (Class<?> nested : type.getDeclaredClasses()) {
			addClass(nested);
		}
		String prefix = type.getName().replace('.', '/') + "$";
		for (int i = 1;; i++) {
			String anonymous = prefix + i + ".class";
			try (InputStream in = loaderOf(type).getResourceAsStream(anonymous)) {
				if (in == null) {
					break;
				}
				entries.put(anonymous, in.readAllBytes());
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return this;
	}

	/**
	 * Copies every file under a directory into the jar, keeping relative paths; e.g. a module's
	 * {@code target/classes}, to package the plugin as built. A {@code META-INF/extensions.idx} found there is used
	 * unless extensions are also declared on this builder.
	 */
	public PluginJarBuilder addTree(Path root) {
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				entries.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return this;
	}

	/** Adds an arbitrary entry, replacing one of the same name. */
	public PluginJarBuilder entry(String name, byte[] content) {
		entries.put(name, content.clone());
		return this;
	}

	/** Adds an arbitrary UTF-8 text entry, replacing one of the same name. */
	public PluginJarBuilder entry(String name, String content) {
		return entry(name, content.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Writes the jar as {@code <directory>/<pluginId>-<version>.jar}.
	 *
	 * @return the jar's path
	 */
	public Path build(Path directory) {
		Manifest mf = new Manifest();
		Attributes attributes = mf.getMainAttributes();
		attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.forEach((name, value) -> attributes.put(new Attributes.Name(name), value));
		Map<String, byte[]> content = new LinkedHashMap<>(entries);
		if (!extensions.isEmpty()) {
			content.put("META-INF/extensions.idx",
					(String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
		}
		content.remove("META-INF/MANIFEST.MF");
		Path jar = directory.resolve(pluginId + "-" + version + ".jar");
		try {
			Files.createDirectories(directory);
			try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, mf)) {
				for (Map.Entry<String, byte[]> entry : content.entrySet()) {
					out.putNextEntry(new JarEntry(entry.getKey()));
					out.write(entry.getValue());
					out.closeEntry();
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return jar;
	}

	private static byte[] read(Class<?> type, String resource) {
		try (InputStream in = loaderOf(type).getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("no class file " + resource + " on the class path of " + type);
			}
			return in.readAllBytes();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static ClassLoader loaderOf(Class<?> type) {
		return type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
	}

	// The range plugins/pom.xml writes by default: any patch of the current SDK minor version.
	private static String currentSdkSeries() {
		String[] parts = SdkVersion.CURRENT.split("\\.");
		int major = Integer.parseInt(parts[0]);
		int minor = Integer.parseInt(parts[1]);
		return ">=" + major + "." + minor + ".0 & <" + major + "." + (minor + 1) + ".0";
	}
}
