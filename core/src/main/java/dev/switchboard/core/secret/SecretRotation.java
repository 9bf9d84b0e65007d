package dev.switchboard.core.secret;

import dev.switchboard.core.model.BackendConfigRepository;
import dev.switchboard.core.widget.WidgetRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Re-encrypts every stored secret under the current master key, in one transaction: backend settings and widget
 * identity secrets. Run it (see {@code Main}) after setting the new key as {@code SWITCHBOARD_MASTER_KEY} and the old
 * one in {@code SWITCHBOARD_PREVIOUS_MASTER_KEYS}; afterwards the old key can be dropped.
 */
@ApplicationScoped
public class SecretRotation {

	private static final Logger LOG = Logger.getLogger(SecretRotation.class);

	private final SecretBox box;
	private final BackendConfigRepository backends;
	private final WidgetRepository widgets;

	public SecretRotation(SecretBox box, BackendConfigRepository backends, WidgetRepository widgets) {
		this.box = box;
		this.backends = backends;
		this.widgets = widgets;
	}

	/** Reseals what an older key sealed; returns how many values changed. */
	public Uni<Integer> rotate() {
		return Panache.withTransaction(() -> backends.listAll().flatMap(rows -> {
			int[] changed = { 0 };
			rows.forEach(row -> {
				Map<String, String> config = new HashMap<>(row.config);
				config.replaceAll((name, value) -> {
					if (box.sealedWithOldKey(value)) {
						changed[0]++;
						return box.reseal(row.tenantId, value);
					}
					return value;
				});
				row.config = config;
			});
			return widgets.listAll().map(all -> {
				all.forEach(widget -> {
					if (box.sealedWithOldKey(widget.identitySecret)) {
						widget.identitySecret = box.reseal(widget.tenantId, widget.identitySecret);
						changed[0]++;
					}
					if (box.sealedWithOldKey(widget.previousIdentitySecret)) {
						widget.previousIdentitySecret = box.reseal(widget.tenantId, widget.previousIdentitySecret);
						changed[0]++;
					}
				});
				LOG.infof("Resealed %d secrets under the current master key", changed[0]);
				return changed[0];
			});
		}));
	}
}
