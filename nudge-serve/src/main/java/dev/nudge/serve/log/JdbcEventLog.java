package dev.nudge.serve.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The event log over JDBC (SQLite or PostgreSQL, chosen by the URL). One writer thread applies
 * queued writes in submission order and commits each batch in one transaction; reads use their own
 * connection.
 */
public final class JdbcEventLog implements EventLog {
  private static final Logger LOG = Logger.getLogger(JdbcEventLog.class.getName());

  /** The most writes one transaction takes; bounds commit latency under a burst. */
  static final int MAX_BATCH = 2048;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<SlotRecord>> SLATE = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Double>> OBJECTIVES = new TypeReference<>() {};

  private final SqlDialect dialect;
  private final LogObserver observer;
  private final Connection writeConnection;
  private final Connection readConnection;

  /** Cached on the read connection: looking up an event id happens on every new decision. */
  private PreparedStatement decisionById;

  /** Cached likewise: a reward for a decision no longer in the service's memory reads it. */
  private PreparedStatement rewardTargetById;

  private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closing;
  private WalCheckpointer checkpointer; // SQLite only; set once in open()

  /**
   * A queued write; a decision's JSON columns come rendered already, by the thread that submitted
   * it: the writer is one thread for every request, and rendering vectors as text was the largest
   * share of its work under load, which every waiting request then waited for.
   */
  private record Queued(LogWrite write, DecisionText text, CompletableFuture<Void> done) {}

  private record DecisionText(
      String features, String candidates, String slate, String arm, String userEmbedding) {
    static DecisionText of(DecisionRecord d) {
      return new DecisionText(
          JsonText.numbers(d.features()),
          JsonText.strings(d.candidates()),
          JsonText.slate(d.slate()),
          JsonText.arm(d.rewardArm()),
          d.userEmbedding().length == 0 ? null : JsonText.floats(d.userEmbedding()));
    }
  }

  private JdbcEventLog(
      SqlDialect dialect, LogObserver observer, Connection write, Connection read) {
    this.dialect = dialect;
    this.observer = observer;
    this.writeConnection = write;
    this.readConnection = read;
    this.writer = Thread.ofPlatform().name("nudge-log-writer").daemon().unstarted(this::writeLoop);
  }

  /**
   * Opens (and creates if needed) the log at a JDBC URL, e.g. {@code jdbc:sqlite:/path/log.db} or
   * {@code jdbc:postgresql://127.0.0.1:5432/nudge?user=nudge}.
   *
   * @throws UncheckedIOException when the database cannot be reached or set up
   */
  public static JdbcEventLog open(String jdbcUrl) {
    return open(jdbcUrl, LogObserver.NONE);
  }

  /**
   * Opens the log like {@link #open(String)}, reporting its commits and checkpoints to {@code
   * observer}.
   */
  public static JdbcEventLog open(String jdbcUrl, LogObserver observer) {
    Objects.requireNonNull(observer, "observer");
    SqlDialect dialect = SqlDialect.of(jdbcUrl);
    if (dialect == SqlDialect.SQLITE) {
      ensureNativeDirectory();
    }
    try {
      Connection write = DriverManager.getConnection(jdbcUrl);
      dialect.configure(write);
      try (Statement s = write.createStatement()) {
        for (String ddl : dialect.schema()) {
          s.execute(ddl);
        }
      }
      dialect.migrate(write);
      write.setAutoCommit(false);
      Connection read = DriverManager.getConnection(jdbcUrl);
      dialect.configure(read);
      JdbcEventLog log = new JdbcEventLog(dialect, observer, write, read);
      if (dialect == SqlDialect.SQLITE) {
        log.checkpointer = WalCheckpointer.start(jdbcUrl, observer);
      }
      log.writer.start();
      return log;
    } catch (SQLException e) {
      throw new UncheckedIOException(
          new IOException("cannot open the event log at " + redact(jdbcUrl) + ": " + e, e));
    }
  }

  /**
   * sqlite-jdbc unpacks its native library into {@code org.sqlite.tmpdir} and fails with "no native
   * library found" when that directory does not exist yet (a clean checkout).
   */
  private static void ensureNativeDirectory() {
    String dir = System.getProperty("org.sqlite.tmpdir");
    if (dir != null) {
      try {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
      } catch (IOException e) {
        throw new UncheckedIOException(
            new IOException("cannot create org.sqlite.tmpdir " + dir + ": " + e.getMessage(), e));
      }
    }
  }

  /** The URL without its password, for messages. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  @Override
  public CompletableFuture<Void> submit(LogWrite write) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closing) {
      done.completeExceptionally(new IllegalStateException("the event log is closed"));
      return done;
    }
    DecisionText text;
    try {
      text = write instanceof LogWrite.Decision(DecisionRecord d) ? DecisionText.of(d) : null;
    } catch (RuntimeException e) { // reported like the database's own errors: through the future
      done.completeExceptionally(e);
      return done;
    }
    queue.add(new Queued(write, text, done));
    return done;
  }

  private void writeLoop() {
    List<Queued> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      try {
        Queued first = queue.take();
        if (first.write == null) {
          first.done.complete(null);
          return;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        Queued stop = null;
        if (batch.get(batch.size() - 1).write == null) {
          stop = batch.remove(batch.size() - 1);
        }
        commit(batch);
        batch.clear();
        if (stop != null) {
          stop.done.complete(null);
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void commit(List<Queued> batch) {
    try {
      commitOnce(batch);
    } catch (SQLException | RuntimeException e) {
      if (batch.size() == 1) {
        LOG.log(Level.WARNING, "event log write rejected: " + e.getMessage());
        batch.get(0).done.completeExceptionally(e);
        return;
      }
      // One bad write must not fail the requests that merely shared its transaction: retry alone.
      for (Queued q : batch) {
        commit(List.of(q));
      }
    }
  }

  private void commitOnce(List<Queued> batch) throws SQLException {
    long start = System.nanoTime();
    try {
      Statements st = new Statements();
      for (Queued q : batch) {
        apply(st, q.write, q.text);
      }
      st.execute();
      writeConnection.commit();
      observer.committed(batch.size(), System.nanoTime() - start);
    } catch (SQLException | RuntimeException e) {
      try {
        writeConnection.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw e;
    }
    for (Queued q : batch) {
      q.done.complete(null);
    }
  }

  /** The writer's prepared statements, kept for the life of the log (writer thread only). */
  private final Map<String, PreparedStatement> prepared = new LinkedHashMap<>();

  /** The statements one transaction uses, batched per kind; executed in first-use order. */
  private final class Statements {
    private final Map<String, PreparedStatement> used = new LinkedHashMap<>();

    PreparedStatement get(String sql) throws SQLException {
      PreparedStatement ps = used.get(sql);
      if (ps == null) {
        ps = prepared.get(sql);
        if (ps == null) {
          ps = writeConnection.prepareStatement(sql);
          prepared.put(sql, ps);
        }
        used.put(sql, ps);
      }
      return ps;
    }

    void execute() throws SQLException {
      try {
        for (PreparedStatement ps : used.values()) {
          ps.executeBatch();
        }
      } catch (SQLException e) {
        for (PreparedStatement ps : used.values()) {
          try {
            ps.clearBatch();
          } catch (SQLException c) {
            e.addSuppressed(c);
          }
        }
        throw e;
      }
    }
  }

  private static final String INSERT_DECISION =
      "INSERT INTO decisions (seq, event_id, decided_at, user_id, user_key, context, features,"
          + " candidates, slate, reward_arm, policy, model_version, mode, activated_at, response,"
          + " user_embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_REWARD =
      "INSERT INTO rewards (seq, event_id, received_at, value, objectives) VALUES (?, ?, ?, ?, ?)";
  private static final String ACTIVATE =
      "UPDATE decisions SET activated_at = ? WHERE event_id = ? AND activated_at IS NULL";
  private static final String INSERT_LEARNED =
      "INSERT INTO learned (seq, event_id, reward, kind, learned_at) VALUES (?, ?, ?, ?, ?)";
  private static final String INSERT_SNAPSHOT =
      "INSERT INTO snapshots (learn_seq, policy, taken_at, state) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (learn_seq) DO UPDATE SET policy = excluded.policy,"
          + " taken_at = excluded.taken_at, state = excluded.state";

  private void apply(Statements st, LogWrite write, DecisionText text) throws SQLException {
    switch (write) {
      case LogWrite.Decision(DecisionRecord d) -> {
        PreparedStatement ps = st.get(INSERT_DECISION);
        ps.setLong(1, d.seq());
        ps.setString(2, d.eventId());
        ps.setLong(3, micros(d.decidedAt()));
        ps.setString(4, d.userId());
        ps.setInt(5, d.userKey());
        ps.setString(6, d.contextJson());
        ps.setString(7, text.features());
        ps.setString(8, text.candidates());
        ps.setString(9, text.slate());
        ps.setString(10, text.arm());
        ps.setString(11, d.policy());
        ps.setString(12, d.modelVersion());
        ps.setString(13, d.mode());
        if (d.activatedAt() == null) {
          ps.setNull(14, Types.BIGINT);
        } else {
          ps.setLong(14, micros(d.activatedAt()));
        }
        ps.setString(15, d.response());
        if (text.userEmbedding() == null) {
          ps.setNull(16, Types.VARCHAR);
        } else {
          ps.setString(16, text.userEmbedding());
        }
        ps.addBatch();
      }
      case LogWrite.Reward(RewardRecord r) -> {
        PreparedStatement ps = st.get(INSERT_REWARD);
        ps.setLong(1, r.seq());
        ps.setString(2, r.eventId());
        ps.setLong(3, micros(r.receivedAt()));
        ps.setDouble(4, r.value());
        ps.setString(5, json(r.objectives()));
        ps.addBatch();
      }
      case LogWrite.Activation(String eventId, Instant at) -> {
        PreparedStatement ps = st.get(ACTIVATE);
        ps.setLong(1, micros(at));
        ps.setString(2, eventId);
        ps.addBatch();
      }
      case LogWrite.Learned(LearnRecord l) -> {
        PreparedStatement ps = st.get(INSERT_LEARNED);
        ps.setLong(1, l.seq());
        ps.setString(2, l.eventId());
        ps.setDouble(3, l.reward());
        ps.setString(4, l.kind());
        ps.setLong(5, micros(l.learnedAt()));
        ps.addBatch();
      }
      case LogWrite.Snapshot(SnapshotRecord s) -> {
        PreparedStatement ps = st.get(INSERT_SNAPSHOT);
        ps.setLong(1, s.learnSeq());
        ps.setString(2, s.policy());
        ps.setLong(3, micros(s.takenAt()));
        ps.setBytes(4, s.state());
        ps.addBatch();
      }
      case LogWrite.Document(LogWrite.DocumentKind kind, String id, String body) -> {
        // Executed at once, not batched: a put and a delete of one id must keep their order.
        String sql =
            body == null
                ? "DELETE FROM " + kind.table + " WHERE id = ?"
                : "INSERT INTO "
                    + kind.table
                    + " (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body ="
                    + " excluded.body";
        try (PreparedStatement ps = writeConnection.prepareStatement(sql)) {
          ps.setString(1, id);
          if (body != null) {
            ps.setString(2, body);
          }
          ps.executeUpdate();
        }
      }
    }
  }

  @Override
  public Optional<DecisionRecord> decision(String eventId) {
    synchronized (readConnection) {
      try {
        if (decisionById == null) {
          decisionById =
              readConnection.prepareStatement("SELECT * FROM decisions WHERE event_id = ?");
        }
        decisionById.setString(1, eventId);
        try (ResultSet rs = decisionById.executeQuery()) {
          return rs.next() ? Optional.of(readDecision(rs)) : Optional.empty();
        }
      } catch (SQLException e) {
        throw failure("read decision " + eventId, e);
      }
    }
  }

  @Override
  public Optional<RewardTarget> rewardTarget(String eventId) {
    synchronized (readConnection) {
      try {
        if (rewardTargetById == null) {
          rewardTargetById =
              readConnection.prepareStatement(
                  "SELECT reward_arm, activated_at FROM decisions WHERE event_id = ?");
        }
        rewardTargetById.setString(1, eventId);
        try (ResultSet rs = rewardTargetById.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          long activated = rs.getLong("activated_at");
          Instant activatedAt = rs.wasNull() ? null : instant(activated);
          String nudge = parse(rs.getString("reward_arm"), ArmRecord.class).id();
          return Optional.of(new RewardTarget(nudge, activatedAt));
        }
      } catch (SQLException e) {
        throw failure("read reward target " + eventId, e);
      }
    }
  }

  @Override
  public List<RewardRecord> rewards(String eventId) {
    synchronized (readConnection) {
      try (PreparedStatement ps =
          readConnection.prepareStatement(
              "SELECT * FROM rewards WHERE event_id = ? ORDER BY seq")) {
        ps.setString(1, eventId);
        List<RewardRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(readReward(rs));
          }
        }
        return out;
      } catch (SQLException e) {
        throw failure("read rewards of " + eventId, e);
      }
    }
  }

  @Override
  public Optional<SnapshotRecord> latestSnapshot() {
    synchronized (readConnection) {
      try (Statement s = readConnection.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT * FROM snapshots ORDER BY learn_seq DESC LIMIT 1")) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new SnapshotRecord(
                rs.getLong("learn_seq"),
                rs.getString("policy"),
                instant(rs.getLong("taken_at")),
                rs.getBytes("state")));
      } catch (SQLException e) {
        throw failure("read the latest snapshot", e);
      }
    }
  }

  @Override
  public void learnedSince(long afterSeq, BiConsumer<LearnRecord, DecisionRecord> visitor) {
    synchronized (readConnection) {
      try (PreparedStatement ps =
          readConnection.prepareStatement(
              "SELECT l.seq AS l_seq, l.event_id AS l_event, l.reward AS l_reward,"
                  + " l.kind AS l_kind, l.learned_at AS l_at, d.* FROM learned l"
                  + " JOIN decisions d ON d.event_id = l.event_id WHERE l.seq > ?"
                  + " ORDER BY l.seq")) {
        ps.setLong(1, afterSeq);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            LearnRecord l =
                new LearnRecord(
                    rs.getLong("l_seq"),
                    rs.getString("l_event"),
                    rs.getDouble("l_reward"),
                    rs.getString("l_kind"),
                    instant(rs.getLong("l_at")));
            visitor.accept(l, readDecision(rs));
          }
        }
      } catch (SQLException e) {
        throw failure("read learning steps after " + afterSeq, e);
      }
    }
  }

  @Override
  public List<DecisionRecord> unlearned() {
    synchronized (readConnection) {
      try (Statement s = readConnection.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT d.* FROM decisions d WHERE d.activated_at IS NOT NULL AND NOT EXISTS"
                      + " (SELECT 1 FROM learned l WHERE l.event_id = d.event_id)"
                      + " ORDER BY d.activated_at, d.seq")) {
        List<DecisionRecord> out = new ArrayList<>();
        while (rs.next()) {
          out.add(readDecision(rs));
        }
        return out;
      } catch (SQLException e) {
        throw failure("read unlearned decisions", e);
      }
    }
  }

  @Override
  public Sequences sequences() {
    return new Sequences(max("decisions", "seq"), max("rewards", "seq"), max("learned", "seq"));
  }

  private long max(String table, String column) {
    synchronized (readConnection) {
      try (Statement s = readConnection.createStatement();
          ResultSet rs = s.executeQuery("SELECT MAX(" + column + ") FROM " + table)) {
        return rs.next() ? rs.getLong(1) : 0;
      } catch (SQLException e) {
        throw failure("read the last " + table + " sequence", e);
      }
    }
  }

  @Override
  public long count(String table) {
    if (!table.matches("decisions|rewards|learned|snapshots|nudges|users")) {
      throw new IllegalArgumentException("unknown table " + table);
    }
    synchronized (readConnection) {
      try (Statement s = readConnection.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
        return rs.next() ? rs.getLong(1) : 0;
      } catch (SQLException e) {
        throw failure("count " + table, e);
      }
    }
  }

  @Override
  public Map<String, String> documents(LogWrite.DocumentKind kind) {
    synchronized (readConnection) {
      try (Statement s = readConnection.createStatement();
          ResultSet rs = s.executeQuery("SELECT id, body FROM " + kind.table + " ORDER BY id")) {
        Map<String, String> out = new LinkedHashMap<>();
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
        return out;
      } catch (SQLException e) {
        throw failure("read " + kind.table, e);
      }
    }
  }

  @Override
  public void rewardedDecisions(Consumer<RewardedDecision> visitor) {
    synchronized (readConnection) {
      try (Statement s = readConnection.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT d.event_id, d.user_id, d.reward_arm, d.decided_at, COUNT(r.seq) AS n,"
                      + " COALESCE(SUM(r.value), 0) AS total FROM decisions d"
                      + " LEFT JOIN rewards r ON r.event_id = d.event_id"
                      + " GROUP BY d.seq, d.event_id, d.user_id, d.reward_arm, d.decided_at"
                      + " ORDER BY d.seq")) {
        while (rs.next()) {
          visitor.accept(
              new RewardedDecision(
                  rs.getString(1),
                  rs.getString(2),
                  parse(rs.getString(3), ArmRecord.class).id(),
                  instant(rs.getLong(4)),
                  rs.getInt(5),
                  rs.getDouble(6)));
        }
      } catch (SQLException e) {
        throw failure("read decisions with their rewards", e);
      }
    }
  }

  @Override
  public void exportJsonl(Writer out) throws IOException {
    // Three ordered scans merged by decision, not two queries per decision: a log of a million
    // decisions is read in three passes.
    synchronized (readConnection) {
      try (Statement ds = readConnection.createStatement();
          Statement rs = readConnection.createStatement();
          Statement ls = readConnection.createStatement();
          ResultSet decisions = ds.executeQuery("SELECT * FROM decisions ORDER BY seq");
          ResultSet rewards = rs.executeQuery(BY_DECISION.formatted("rewards"));
          ResultSet learned = ls.executeQuery(BY_DECISION.formatted("learned"))) {
        boolean moreRewards = rewards.next();
        boolean moreLearned = learned.next();
        while (decisions.next()) {
          DecisionRecord d = readDecision(decisions);
          List<RewardRecord> its = new ArrayList<>();
          while (moreRewards && rewards.getLong("decision_seq") <= d.seq()) {
            if (rewards.getLong("decision_seq") == d.seq()) {
              its.add(readReward(rewards));
            }
            moreRewards = rewards.next();
          }
          LearnRecord step = null;
          while (moreLearned && learned.getLong("decision_seq") <= d.seq()) {
            if (step == null && learned.getLong("decision_seq") == d.seq()) {
              step = readLearned(learned);
            }
            moreLearned = learned.next();
          }
          out.write(JsonlExport.line(d, its, Optional.ofNullable(step)));
          out.write('\n');
        }
      } catch (SQLException e) {
        throw new IOException("export failed: " + e.getMessage(), e);
      }
    }
  }

  /** A table's rows with their decision's sequence number, in decision order, then their own. */
  private static final String BY_DECISION =
      "SELECT t.*, d.seq AS decision_seq FROM %s t JOIN decisions d ON d.event_id = t.event_id"
          + " ORDER BY d.seq, t.seq";

  private static LearnRecord readLearned(ResultSet rs) throws SQLException {
    return new LearnRecord(
        rs.getLong("seq"),
        rs.getString("event_id"),
        rs.getDouble("reward"),
        rs.getString("kind"),
        instant(rs.getLong("learned_at")));
  }

  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    queue.add(new Queued(null, null, stopped));
    stopped.join();
    if (checkpointer != null) {
      checkpointer.close();
    }
    try {
      for (PreparedStatement ps : prepared.values()) {
        ps.close();
      }
      writeConnection.close();
      synchronized (readConnection) {
        if (decisionById != null) {
          decisionById.close();
        }
        readConnection.close();
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "closing the event log", e);
    }
  }

  private DecisionRecord readDecision(ResultSet rs) throws SQLException {
    long activated = rs.getLong("activated_at");
    boolean notActivated = rs.wasNull();
    String userEmbedding = rs.getString("user_embedding");
    return new DecisionRecord(
        rs.getLong("seq"),
        rs.getString("event_id"),
        instant(rs.getLong("decided_at")),
        rs.getString("user_id"),
        rs.getInt("user_key"),
        rs.getString("context"),
        parse(rs.getString("features"), double[].class),
        userEmbedding == null ? null : parse(userEmbedding, float[].class),
        parse(rs.getString("candidates"), STRINGS),
        parse(rs.getString("slate"), SLATE),
        parse(rs.getString("reward_arm"), ArmRecord.class),
        rs.getString("policy"),
        rs.getString("model_version"),
        rs.getString("mode"),
        notActivated ? null : instant(activated),
        rs.getString("response"));
  }

  private static RewardRecord readReward(ResultSet rs) throws SQLException {
    return new RewardRecord(
        rs.getLong("seq"),
        rs.getString("event_id"),
        instant(rs.getLong("received_at")),
        rs.getDouble("value"),
        parse(rs.getString("objectives"), OBJECTIVES));
  }

  /** Instants are stored as microseconds since the epoch, the resolution the service keeps. */
  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  private static <T> T parse(String text, Class<T> type) throws SQLException {
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new SQLException("corrupt " + type.getSimpleName() + " in the log: " + text, e);
    }
  }

  private static <T> T parse(String text, TypeReference<T> type) throws SQLException {
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new SQLException("corrupt JSON in the log: " + text, e);
    }
  }

  private UncheckedIOException failure(String what, SQLException e) {
    return new UncheckedIOException(
        new IOException("event log (" + dialect + "): cannot " + what + ": " + e.getMessage(), e));
  }
}
