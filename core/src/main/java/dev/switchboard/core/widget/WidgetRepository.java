package dev.switchboard.core.widget;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class WidgetRepository implements PanacheRepositoryBase<Widget, String> {

	public Uni<Widget> findByPublicId(String publicId) {
		return find("publicId", publicId).firstResult();
	}
}
