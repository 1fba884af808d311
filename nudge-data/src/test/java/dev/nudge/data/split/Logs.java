package dev.nudge.data.split;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.Seeds;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.InteractionLog.ValueKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/** Logs for split tests, and the checks every split must pass. */
final class Logs {
  private Logs() {}

  /**
   * A rating log with {@code users} users, ragged histories and many equal timestamps (times are
   * drawn from a small range), in shuffled row order, like MovieLens's u.data.
   */
  static InteractionLog randomRatings(long seed, int users, int maxPerUser) {
    RandomGenerator random = Seeds.random(seed, "test.log");
    InteractionLog.Builder log = new InteractionLog.Builder(ValueKind.RATING);
    for (int u = 0; u < users; u++) {
      int n = random.nextInt(maxPerUser + 1);
      for (int k = 0; k < n; k++) {
        log.add(u, random.nextInt(50), 1_000 + random.nextInt(40), 1 + random.nextInt(5));
      }
    }
    return log.build();
  }

  /** A log from rows {user, item, time, value}. */
  static InteractionLog of(ValueKind kind, long[]... rows) {
    InteractionLog.Builder log = new InteractionLog.Builder(kind);
    for (long[] r : rows) {
      log.add((int) r[0], (int) r[1], r[2], r[3]);
    }
    return log.build();
  }

  /** MovieLens 100K's u.data, read directly (user and item ids are 1-based, keys 0-based). */
  static InteractionLog movieLens100k() throws IOException {
    Path file = Path.of(System.getProperty("nudge.data.dir"), "ml-100k", "u.data");
    InteractionLog.Builder log = new InteractionLog.Builder(ValueKind.RATING);
    for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
      String[] f = line.split("\t");
      log.add(
          Integer.parseInt(f[0]) - 1,
          Integer.parseInt(f[1]) - 1,
          Long.parseLong(f[3]),
          Float.parseFloat(f[2]));
    }
    return log.build();
  }

  /**
   * The parts are disjoint, cover every row of the log, and the copied logs hold exactly those
   * rows: no row is lost, duplicated or changed.
   */
  static void assertPartition(InteractionLog log, SplitAssignment assignment, Split split) {
    assertThat(assignment.size()).isEqualTo(log.size());
    int[] all =
        IntStream.concat(
                IntStream.concat(
                    Arrays.stream(assignment.rows(Part.TRAIN)),
                    Arrays.stream(assignment.rows(Part.VALIDATION))),
                Arrays.stream(assignment.rows(Part.TEST)))
            .sorted()
            .toArray();
    assertThat(all).isEqualTo(IntStream.range(0, log.size()).toArray());
    assertThat(split.size()).isEqualTo(log.size());
    for (Part part : Part.values()) {
      int[] rows = assignment.rows(part);
      InteractionLog copied = split.part(part);
      assertThat(copied.size()).isEqualTo(rows.length).isEqualTo(assignment.count(part));
      for (int k = 0; k < rows.length; k++) {
        if (!signature(copied, k).equals(signature(log, rows[k]))) {
          throw new AssertionError(part + " row " + k + " is not source row " + rows[k]);
        }
      }
    }
    List<String> before = new ArrayList<>();
    for (int r = 0; r < log.size(); r++) {
      before.add(signature(log, r));
    }
    List<String> after = new ArrayList<>();
    for (Part part : Part.values()) {
      InteractionLog p = split.part(part);
      for (int r = 0; r < p.size(); r++) {
        after.add(signature(p, r));
      }
    }
    // Sorting both makes this a multiset comparison in n log n (AssertJ's any-order check is n^2).
    before.sort(null);
    after.sort(null);
    assertThat(after).isEqualTo(before);
  }

  static String signature(InteractionLog log, int row) {
    return log.user(row) + "/" + log.item(row) + "/" + log.time(row) + "/" + log.value(row);
  }

  /** Latest time per user in {@code log}, Long.MIN_VALUE where the user has no row. */
  static long[] latestPerUser(InteractionLog log, int users) {
    long[] latest = new long[users];
    Arrays.fill(latest, Long.MIN_VALUE);
    for (int r = 0; r < log.size(); r++) {
      latest[log.user(r)] = Math.max(latest[log.user(r)], log.time(r));
    }
    return latest;
  }

  /** Earliest time per user in {@code log}, Long.MAX_VALUE where the user has no row. */
  static long[] earliestPerUser(InteractionLog log, int users) {
    long[] earliest = new long[users];
    Arrays.fill(earliest, Long.MAX_VALUE);
    for (int r = 0; r < log.size(); r++) {
      earliest[log.user(r)] = Math.min(earliest[log.user(r)], log.time(r));
    }
    return earliest;
  }

  static int users(InteractionLog log) {
    int users = 0;
    for (int r = 0; r < log.size(); r++) {
      users = Math.max(users, log.user(r) + 1);
    }
    return users;
  }
}
