package dev.nudge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nudge.data.Dataset;
import dev.nudge.data.DatasetStats;
import dev.nudge.data.load.DatasetFormats;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nudge data info <path>}: loads a data set and prints its summary statistics. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = {
      "Load a data set folder and print users, items, interactions, density, time span,",
      "the rating/label histogram, popularity skew (Gini of item interaction counts) and topics."
    })
public final class DataInfoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<path>", description = "The data set's folder.")
  Path path;

  @Option(
      names = "--format",
      defaultValue = DatasetFormats.AUTO,
      description =
          "auto (detect from the files), ml-100k, ml-1m, ml-csv, mind, obd or generic."
              + " Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Dataset data = DatasetFormats.load(path, format);
    DatasetStats stats = DatasetStats.of(data);
    double seconds = (System.nanoTime() - start) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(stats));
    } else {
      printTable(out, stats, seconds);
    }
    out.flush();
    return 0;
  }

  private static void printTable(PrintWriter out, DatasetStats s, double seconds) {
    String valueWord =
        s.kind() == dev.nudge.data.InteractionLog.ValueKind.RATING ? "ratings" : "labels";
    out.printf(Locale.ROOT, "data set      %s (loaded in %.2f s)%n", s.name(), seconds);
    out.printf(Locale.ROOT, "users         %,d%n", s.users());
    out.printf(Locale.ROOT, "items         %,d%n", s.items());
    out.printf(Locale.ROOT, "interactions  %,d %s%n", s.interactions(), valueWord);
    out.printf(
        Locale.ROOT,
        "density       %.4f%% (%,d distinct user-item pairs)%n",
        100 * s.density(),
        s.pairs());
    out.printf(
        Locale.ROOT,
        "time span     %s .. %s%n",
        Instant.ofEpochSecond(s.firstTime()),
        Instant.ofEpochSecond(s.lastTime()));
    out.printf(Locale.ROOT, "gini          %.4f (item popularity skew)%n", s.gini());
    out.printf(Locale.ROOT, "topics        %,d%n", s.topics());
    out.printf(Locale.ROOT, "%s histogram:%n", valueWord);
    long max = s.histogram().stream().mapToLong(DatasetStats.Bin::count).max().orElse(1);
    for (DatasetStats.Bin b : s.histogram()) {
      int bar = (int) Math.round(40.0 * b.count() / max);
      out.printf(
          Locale.ROOT,
          "  %5s %,12d %5.1f%% %s%n",
          formatValue(b.value()),
          b.count(),
          100.0 * b.count() / Math.max(1, s.interactions()),
          "#".repeat(bar));
    }
  }

  private static String formatValue(float v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static String toJson(DatasetStats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("users", s.users());
    m.put("items", s.items());
    m.put("interactions", s.interactions());
    m.put("valueKind", s.kind().name().toLowerCase(Locale.ROOT));
    m.put("pairs", s.pairs());
    m.put("density", s.density());
    m.put("firstTime", Instant.ofEpochSecond(s.firstTime()).toString());
    m.put("lastTime", Instant.ofEpochSecond(s.lastTime()).toString());
    m.put("gini", s.gini());
    m.put("topics", s.topics());
    List<Map<String, Object>> bins =
        s.histogram().stream()
            .map(
                b -> {
                  Map<String, Object> bin = new LinkedHashMap<>();
                  bin.put("value", b.value());
                  bin.put("count", b.count());
                  return bin;
                })
            .toList();
    m.put("histogram", bins);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
