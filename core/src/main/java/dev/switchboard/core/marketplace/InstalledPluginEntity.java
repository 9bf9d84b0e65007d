package dev.switchboard.core.marketplace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * The release of a plugin every node should serve, or (version null) that the plugin is uninstalled everywhere.
 * Identified by where it came from and its SHA-512, so each node fetches and verifies exactly that jar.
 */
@Entity
@Table(name = "installed_plugin")
public class InstalledPluginEntity {

	@Id
	@Column(name = "plugin_id")
	public String pluginId;

	public String version;

	public String repository;

	public String sha512;

	@Column(name = "key_id")
	public String keyId;

	@Column(name = "changed_at")
	public OffsetDateTime changedAt;

	boolean uninstalled() {
		return version == null;
	}
}
