package dev.switchboard.sdk.signer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The publisher's command line:
 *
 * <pre>
 * keygen  &lt;key-dir&gt; [--keep-existing]              writes publisher.key (secret) and publisher.pub
 * sign    &lt;jar&gt; --key &lt;publisher.key&gt; [details]    prints the jar's index entry (plugin + release) as JSON
 * publish &lt;jar&gt; --key &lt;publisher.key&gt; --repository &lt;dir&gt; [details] [--create-key]
 *                                                copies the jar into the repository and adds it to index.json
 * details: --name N --homepage URL --icon URL --kind model|action|embedding
 * </pre>
 *
 * The permissions the index lists are the ones the jar's MANIFEST declares ({@code Plugin-Hosts},
 * {@code Plugin-Hosts-From-Settings}, {@code Plugin-End-User-Identity}, {@code Plugin-Secrets}).
 *
 *
 * The key directory of {@code --key} must also hold {@code publisher.pub}. {@code --create-key} generates the pair
 * first when it does not exist (this repository's build uses it for a throwaway development key in {@code target/}).
 * Exits with status 2 on a usage error, 1 on any other failure.
 */
public final class PluginSigner {

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	private PluginSigner() {
	}

	public static void main(String[] args) throws Exception {
		try {
			System.out.println(run(args));
		} catch (IllegalArgumentException e) {
			System.err.println("sdk-signer: " + e.getMessage());
			System.exit(2);
		}
	}

	/** Runs one command and returns what it prints. */
	public static String run(String... arguments) throws Exception {
		// Maven's exec plugin passes an empty <argument/> (an unset property) as null.
		String[] args = Arrays.stream(arguments).map(a -> a == null ? "" : a).toArray(String[]::new);
		Deque<String> positional = new ArrayDeque<>();
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			String next = i + 1 < args.length ? args[i + 1] : null;
			switch (args[i]) {
				case "--keep-existing", "--create-key" -> options.put(args[i].substring(2), "true");
				default -> {
					if (!args[i].startsWith("--")) {
						positional.add(args[i]);
					} else if (next == null || next.startsWith("--")) {
						options.put(args[i].substring(2), ""); // an empty value, e.g. an unset build property
					} else {
						options.put(args[i].substring(2), args[++i]);
					}
				}
			}
		}
		String command = positional.poll();
		if (command == null || positional.isEmpty()) {
			throw new IllegalArgumentException("usage: keygen <key-dir> | sign <jar> --key <file> | publish <jar> --key "
					+ "<file> --repository <dir>; got " + Arrays.toString(args));
		}
		Path target = Path.of(positional.poll());
		return switch (command) {
			case "keygen" -> {
				Path privateKey = PublisherKeys.generate(target, options.containsKey("keep-existing"));
				yield PublisherKeys.encode(PublisherKeys.readPublicKeyBeside(privateKey));
			}
			case "sign" -> {
				PluginRelease release = release(target, options);
				ObjectNode plugin = release.pluginEntry(JSON);
				plugin.withArray("releases").add(release.releaseEntry(JSON,
						release.id() + "/" + release.id() + "-" + release.version() + ".jar"));
				yield JSON.writeValueAsString(plugin);
			}
			case "publish" -> {
				Path repository = Path.of(required(options, "repository"));
				yield JSON.writeValueAsString(new MarketplaceRepository(repository).publish(target, release(target, options)));
			}
			default -> throw new IllegalArgumentException("unknown command " + command);
		};
	}

	private static PluginRelease release(Path jar, Map<String, String> options) throws Exception {
		Path keyFile = Path.of(required(options, "key"));
		if (options.containsKey("create-key")) {
			PublisherKeys.generate(keyFile.getParent(), true);
		}
		PrivateKey key = PublisherKeys.readPrivateKey(keyFile);
		PublicKey publicKey = PublisherKeys.readPublicKeyBeside(keyFile);
		PluginRelease.Details details = new PluginRelease.Details(options.get("name"), options.get("homepage"),
				options.get("icon"), options.get("kind"));
		return PluginRelease.sign(jar, key, publicKey, details);
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}
}
