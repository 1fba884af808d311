import dev.nudge.core.Seeds;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.InteractionLog.ValueKind;
import dev.nudge.data.split.Fractions;
import dev.nudge.data.split.ImplicitLabels;
import dev.nudge.data.split.LeaveLastOutSplitter;
import dev.nudge.data.split.RandomSplitter;
import dev.nudge.data.split.Splitter;
import dev.nudge.data.split.TimeCutSplitter;
import dev.nudge.data.split.TimeQuantileSplitter;
import dev.nudge.data.split.UserTimeFractionSplitter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Times every splitter (assign + copy into parts) on MovieLens 100K and on synthetic logs of 1M and
 * 10M rows, against two references measured in the same run: the log's time sort (which every
 * temporal splitter needs) and a plain copy of all rows (which every split does). Writes a
 * Markdown table and JSON to the paths given as arguments 2 and 3.
 */
public class SplitTiming {
  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    StringBuilder md = new StringBuilder();
    StringBuilder json = new StringBuilder("[\n");
    md.append("| log | rows | case | median ms | / time sort | / copy |\n|---|---|---|---|---|---|\n");
    Map<String, InteractionLog> logs = new LinkedHashMap<>();
    logs.put("ml-100k", movieLens(data.resolve("ml-100k/u.data")));
    logs.put("synthetic-1M", synthetic(1_000_000, 20_000));
    logs.put("synthetic-10M", synthetic(10_000_000, 200_000));
    boolean first = true;
    for (var e : logs.entrySet()) {
      InteractionLog log = e.getValue();
      int[] all = new int[log.size()];
      Arrays.setAll(all, i -> i);
      long mid = log.firstTime() + (log.lastTime() - log.firstTime()) * 9 / 10;
      Map<String, Runnable> cases = new LinkedHashMap<>();
      cases.put("reference: timeOrder()", log::timeOrder);
      cases.put("reference: select(all rows)", () -> log.select(all));
      Map<String, Splitter> splitters = new LinkedHashMap<>();
      splitters.put("TimeCutSplitter", TimeCutSplitter.at(mid));
      splitters.put("TimeQuantileSplitter 80/10/10", new TimeQuantileSplitter(Fractions.DEFAULT));
      splitters.put("LeaveLastOutSplitter +validation", new LeaveLastOutSplitter(ImplicitLabels.DEFAULT, true));
      splitters.put("UserTimeFractionSplitter 80/10/10", new UserTimeFractionSplitter(Fractions.DEFAULT));
      splitters.put("RandomSplitter 80/10/10", new RandomSplitter(Fractions.DEFAULT, 1));
      splitters.forEach((name, s) -> cases.put(name, () -> s.split(log)));
      double sortMs = 0;
      double copyMs = 0;
      for (var c : cases.entrySet()) {
        double ms = median(c.getValue(), log.size() > 2_000_000 ? 5 : 9);
        if (c.getKey().startsWith("reference: timeOrder")) {
          sortMs = ms;
        } else if (c.getKey().startsWith("reference: select")) {
          copyMs = ms;
        }
        md.append(String.format(Locale.ROOT, "| %s | %,d | %s | %.1f | %.2f | %.2f |%n",
            e.getKey(), log.size(), c.getKey(), ms, ms / sortMs, ms / copyMs));
        json.append(first ? "" : ",\n").append(String.format(Locale.ROOT,
            "  {\"log\": \"%s\", \"rows\": %d, \"case\": \"%s\", \"median_ms\": %.3f}",
            e.getKey(), log.size(), c.getKey(), ms));
        first = false;
      }
    }
    json.append("\n]\n");
    Files.writeString(Path.of(args[1]), md.toString());
    Files.writeString(Path.of(args[2]), json.toString());
    System.out.print(md);
  }

  static double median(Runnable task, int runs) {
    task.run(); // warm-up
    task.run();
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      task.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms[runs / 2];
  }

  static InteractionLog movieLens(Path file) throws Exception {
    InteractionLog.Builder b = new InteractionLog.Builder(ValueKind.RATING);
    for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
      String[] f = line.split("\t");
      b.add(Integer.parseInt(f[0]) - 1, Integer.parseInt(f[1]) - 1, Long.parseLong(f[3]), Float.parseFloat(f[2]));
    }
    return b.build();
  }

  /** Rows in random user order with random times over a year, ratings 1-5. */
  static InteractionLog synthetic(int rows, int users) {
    RandomGenerator r = Seeds.random(7, "bench.splits");
    InteractionLog.Builder b = new InteractionLog.Builder(ValueKind.RATING);
    for (int i = 0; i < rows; i++) {
      b.add(r.nextInt(users), r.nextInt(50_000), 1_600_000_000L + r.nextInt(31_536_000), 1 + r.nextInt(5));
    }
    return b.build();
  }
}
