package dev.switchboard.core.marketplace;

import dev.switchboard.core.database.ReactiveCalls;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The installed set all nodes share, in PostgreSQL. A change is stored and announced on {@link #CHANNEL} in one
 * transaction, so every node (this one too) hears of it once it is committed; see {@link MarketplaceSync}. Blocking:
 * call it off the event loop.
 */
@ApplicationScoped
public class SharedInstalls implements PanacheRepositoryBase<InstalledPluginEntity, String> {

	/** The NOTIFY channel; the payload is the plugin id. */
	static final String CHANNEL = "switchboard_plugins";

	/** Every plugin the marketplace installed or uninstalled, cluster-wide. */
	List<InstalledPluginEntity> all() {
		return ReactiveCalls.await(() -> Panache.withSession(() -> listAll()));
	}

	Optional<InstalledPluginEntity> find(String pluginId) {
		return Optional.ofNullable(ReactiveCalls.await(() -> Panache.withSession(() -> findById(pluginId))));
	}

	/** Records that every node should serve this release. */
	void installed(String pluginId, InstalledPlugins.Install install) {
		save(pluginId, install.version(), install.repository(), install.sha512(), install.keyId());
	}

	/** Records that no node should serve the plugin. */
	void uninstalled(String pluginId) {
		save(pluginId, null, null, null, null);
	}

	private void save(String pluginId, String version, String repository, String sha512, String keyId) {
		ReactiveCalls.await(() -> Panache.withTransaction(() -> findById(pluginId).flatMap(existing -> {
			InstalledPluginEntity row = existing != null ? existing : new InstalledPluginEntity();
			row.pluginId = pluginId;
			row.version = version;
			row.repository = repository;
			row.sha512 = sha512;
			row.keyId = keyId;
			row.changedAt = OffsetDateTime.now();
			return persist(row);
		}).call(() -> Panache.getSession().flatMap(session -> session.createNativeQuery("SELECT pg_notify(?1, ?2)")
				.setParameter(1, CHANNEL).setParameter(2, pluginId).getSingleResult()))));
	}
}
