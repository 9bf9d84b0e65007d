package dev.switchboard.core.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** A persisted run event: the JSON exactly as it was first sent. */
@Entity
@Table(name = "run_event")
@IdClass(RunEventRow.Key.class)
public class RunEventRow {

	@Id
	@Column(name = "run_id")
	public UUID runId;

	@Id
	public int seq;

	public String type;

	public String payload;

	/** Composite primary key. */
	public static class Key implements Serializable {
		public UUID runId;
		public int seq;

		@Override
		public boolean equals(Object o) {
			return o instanceof Key k && Objects.equals(runId, k.runId) && seq == k.seq;
		}

		@Override
		public int hashCode() {
			return Objects.hash(runId, seq);
		}
	}
}
