package dev.switchboard.core.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.action.Connectors;
import dev.switchboard.core.model.ConfiguredBackend;
import dev.switchboard.sdk.model.Capability;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tenant's routing settings, read once and cached until they change (the same change notification that drops a
 * tenant's backends drops them).
 */
@ApplicationScoped
public class TenantRouting {

	private final TenantRoutingRepository repository;
	private final Connectors connectors;
	private final ObjectMapper mapper;
	private final Map<String, RoutingSettings> byTenant = new ConcurrentHashMap<>();

	public TenantRouting(TenantRoutingRepository repository, Connectors connectors, ObjectMapper mapper) {
		this.repository = repository;
		this.connectors = connectors;
		this.mapper = mapper;
	}

	/** The tenant's settings; {@link RoutingSettings#NONE} when it stored none. A cache hit opens no session. */
	public Uni<RoutingSettings> forTenant(String tenantId) {
		RoutingSettings cached = byTenant.get(tenantId);
		if (cached != null) {
			return Uni.createFrom().item(cached);
		}
		return Panache.withSession(() -> repository.findById(tenantId)).map(row -> {
			RoutingSettings settings = row == null ? RoutingSettings.NONE : parseStored(row.settings);
			byTenant.put(tenantId, settings);
			return settings;
		});
	}

	/** The catalog the tenant's live turns route under: its settings with the actions it enabled. */
	public Uni<RoutingCatalog> liveCatalog(String tenantId) {
		return forTenant(tenantId).flatMap(settings -> connectors.enabledActions(tenantId).map(actions -> settings
				.catalog().withActions(actions.stream().map(a -> RoutingCatalog.ActionEntry.of(a.spec())).toList())));
	}

	/** Forgets the tenant's cached settings. */
	public void invalidate(String tenantId) {
		byTenant.remove(tenantId);
	}

	/**
	 * What is wrong with the role map given the tenant's live backends, keyed by JSON path: unknown backends, a
	 * {@code vision} backend that cannot see, an {@code action} backend that cannot call tools.
	 */
	public static Map<String, String> problems(RoutingSettings settings, List<ConfiguredBackend> backends) {
		Map<String, String> problems = new LinkedHashMap<>();
		settings.backends().forEach((route, names) -> {
			for (int i = 0; i < names.size(); i++) {
				String name = names.get(i);
				String path = "roles." + route.id() + ".backends[" + i + "]";
				ConfiguredBackend backend = backends.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
				if (backend == null) {
					problems.put(path, "no live backend '" + name + "' in this tenant");
				} else if (route == Route.VISION && !backend.info().can(Capability.VISION)) {
					problems.put(path, "backend '" + name + "' (" + backend.info().model() + ") cannot see images; the "
							+ "vision role needs a backend with the VISION capability");
				} else if (route == Route.ACTION && !backend.info().can(Capability.TOOLS)) {
					problems.put(path, "backend '" + name + "' (" + backend.info().model() + ") cannot call tools; the "
							+ "action role needs a backend with the TOOLS capability");
				}
			}
		});
		return problems;
	}

	private RoutingSettings parseStored(String json) {
		try {
			return RoutingSettings.parse(mapper.readTree(json));
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("stored routing settings are not JSON", e);
		}
	}
}
