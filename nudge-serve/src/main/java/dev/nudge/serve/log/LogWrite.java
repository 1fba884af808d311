package dev.nudge.serve.log;

import java.time.Instant;
import java.util.Objects;

/** One write to the event log; the writer thread applies them in submission order. */
public sealed interface LogWrite {

  /** Logs a decision. */
  record Decision(DecisionRecord decision) implements LogWrite {
    public Decision {
      Objects.requireNonNull(decision, "decision");
    }
  }

  /** Logs a reward. */
  record Reward(RewardRecord reward) implements LogWrite {
    public Reward {
      Objects.requireNonNull(reward, "reward");
    }
  }

  /** Opens a decision's reward window. */
  record Activation(String eventId, Instant at) implements LogWrite {
    public Activation {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(at, "at");
    }
  }

  /** Logs a learning step. */
  record Learned(LearnRecord step) implements LogWrite {
    public Learned {
      Objects.requireNonNull(step, "step");
    }
  }

  /** Stores a policy snapshot. */
  record Snapshot(SnapshotRecord snapshot) implements LogWrite {
    public Snapshot {
      Objects.requireNonNull(snapshot, "snapshot");
    }
  }

  /**
   * Stores a named JSON document (a nudge, a user, the config) in a keyed table; a null body
   * deletes it.
   */
  record Document(DocumentKind kind, String id, String body) implements LogWrite {
    public Document {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(id, "id");
    }
  }

  /** The keyed JSON tables. */
  enum DocumentKind {
    NUDGE("nudges"),
    USER("users"),
    CONFIG("settings");

    final String table;

    DocumentKind(String table) {
      this.table = table;
    }
  }
}
