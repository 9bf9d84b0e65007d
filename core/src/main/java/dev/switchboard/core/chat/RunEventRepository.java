package dev.switchboard.core.chat;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class RunEventRepository implements PanacheRepositoryBase<RunEventRow, RunEventRow.Key> {

	/** The run's events after a sequence number, in order. The run was already checked to belong to the tenant. */
	public Uni<List<RunEventRow>> after(java.util.UUID runId, int afterSeq) {
		return list("runId = ?1 and seq > ?2", Sort.ascending("seq"), runId, afterSeq);
	}
}
