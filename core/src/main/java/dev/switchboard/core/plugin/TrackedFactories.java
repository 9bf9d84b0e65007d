package dev.switchboard.core.plugin;

import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionConnectorFactory;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.action.ConnectorPermissions;
import dev.switchboard.sdk.action.JobStatus;
import dev.switchboard.sdk.config.ConfigSchema;
import dev.switchboard.sdk.embedding.TextEmbedder;
import dev.switchboard.sdk.embedding.TextEmbedderFactory;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.host.HostServices;
import dev.switchboard.sdk.model.CallContext;
import dev.switchboard.sdk.model.ChatCall;
import dev.switchboard.sdk.model.ChatResult;
import dev.switchboard.sdk.model.ChatStreamListener;
import dev.switchboard.sdk.model.ModelBackend;
import dev.switchboard.sdk.model.ModelBackendFactory;
import dev.switchboard.sdk.model.ModelInfo;
import java.util.List;

/**
 * The host's view of a plugin's factories: each instance they create (backend, connector, embedder) is leased
 * ({@link InstanceLease}), so the plugin's class loader stays open until every instance was closed and every call on
 * it returned.
 */
final class TrackedFactories {

	private TrackedFactories() {
	}

	/** A model backend factory whose backends hold their plugin. */
	record Model(ModelBackendFactory delegate, LoadedPlugin plugin) implements ModelBackendFactory {

		@Override
		public String id() {
			return delegate.id();
		}

		@Override
		public String title() {
			return delegate.title();
		}

		@Override
		public ConfigSchema configSchema() {
			return delegate.configSchema();
		}

		/** Refuses a configuration whose URL settings name a host the plugin did not declare. */
		@Override
		public ModelBackend create(InstanceConfig config) {
			plugin.permissions().checkUrls(plugin.id(), delegate.configSchema(), config.values());
			ModelBackend backend = delegate.create(config);
			InstanceLease lease = new InstanceLease(plugin, backend);
			return new ModelBackend() {
				@Override
				public ModelInfo info() {
					return backend.info();
				}

				@Override
				public ChatResult chat(ChatCall call, CallContext context) {
					return lease.call(() -> backend.chat(call, context));
				}

				@Override
				public void stream(ChatCall call, CallContext context, ChatStreamListener listener) {
					lease.run(() -> backend.stream(call, context, listener));
				}

				@Override
				public void close() {
					lease.close();
				}
			};
		}
	}

	/** An action connector factory whose connectors hold their plugin. */
	record Action(ActionConnectorFactory delegate, LoadedPlugin plugin) implements ActionConnectorFactory {

		@Override
		public String id() {
			return delegate.id();
		}

		@Override
		public String title() {
			return delegate.title();
		}

		@Override
		public ConfigSchema configSchema() {
			return delegate.configSchema();
		}

		/** What the connector asks for, refused when it goes beyond what its plugin declared. */
		@Override
		public ConnectorPermissions permissions(InstanceConfig config) {
			ConnectorPermissions asked = delegate.permissions(config);
			plugin.permissions().check(plugin.id(), asked, config.values());
			return asked;
		}

		@Override
		public ActionConnector create(InstanceConfig config, HostServices host) {
			ActionConnector connector = delegate.create(config, host);
			InstanceLease lease = new InstanceLease(plugin, connector);
			return new ActionConnector() {
				@Override
				public List<ActionSpec> actions() {
					return lease.call(connector::actions);
				}

				@Override
				public ActionResult invoke(String action, String input, ActionContext context) {
					return lease.call(() -> connector.invoke(action, input, context));
				}

				@Override
				public JobStatus jobStatus(String jobId, ActionContext context) {
					return lease.call(() -> connector.jobStatus(jobId, context));
				}

				@Override
				public void verifyConnection() {
					lease.run(connector::verifyConnection);
				}

				@Override
				public void close() {
					lease.close();
				}
			};
		}
	}

	/** A text embedder factory whose embedders hold their plugin. */
	record Embedder(TextEmbedderFactory delegate, LoadedPlugin plugin) implements TextEmbedderFactory {

		@Override
		public String id() {
			return delegate.id();
		}

		@Override
		public String title() {
			return delegate.title();
		}

		@Override
		public TextEmbedder create() {
			TextEmbedder embedder = delegate.create();
			InstanceLease lease = new InstanceLease(plugin, embedder);
			return new TextEmbedder() {
				@Override
				public int dimension() {
					return lease.call(embedder::dimension);
				}

				@Override
				public float[] embed(String text) {
					return lease.call(() -> embedder.embed(text));
				}

				@Override
				public List<float[]> embedAll(List<String> texts) {
					return lease.call(() -> embedder.embedAll(texts));
				}

				@Override
				public void close() {
					lease.close();
				}
			};
		}
	}
}
