package dev.nudge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.core.InputException;
import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import dev.nudge.data.Dataset;
import dev.nudge.model.twotower.TwoTowerFiles;
import dev.nudge.ranking.FunnelAssembly;
import dev.nudge.ranking.FunnelRequest;
import dev.nudge.ranking.FunnelResult;
import dev.nudge.ranking.TwoTowerEmbeddings;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nudge recommend}: builds the whole funnel from a data set (candidate sources, ranker,
 * exploration, re-ranking) and prints one user's slate with its provenance. With {@code --model}
 * the ANN source searches a trained two-tower model's item vectors with the model's user embedding
 * (users outside the model through its cold-user path); without it, PureSVD vectors fitted on the
 * data stand in.
 */
@Command(
    name = "recommend",
    mixinStandardHelpOptions = true,
    description = {
      "Retrieve -> rank -> explore -> re-rank for one user, printing each slot's source, task",
      "scores, value and whether exploration placed it; --dropped also lists what was cut and why.",
      "--model uses a two-tower model directory (nudge train) for the ANN source: its item vectors",
      "and the user's embedding; a new user described by --feature goes through its cold path."
    })
public final class RecommendCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin DatasetOptions input;

  @Option(
      names = "--user",
      required = true,
      description = "The user's external id; an unknown id is served as a new user.")
  String user;

  @Option(
      names = "--segment",
      defaultValue = "-1",
      description = "Segment of a new user (age band x gender key), -1 if unknown.")
  int segment;

  @Option(names = "--slate", defaultValue = "10", description = "Slate size. Default: 10.")
  int slate;

  @Option(
      names = "--ranker",
      defaultValue = "logistic",
      description = "logistic (fast baseline) or mmoe (DJL). Default: ${DEFAULT-VALUE}.")
  String ranker;

  @Option(
      names = "--explore",
      defaultValue = "1",
      description = "Slots reserved for Thompson-sampling exploration. Default: 1.")
  int explore;

  @Option(
      names = "--model",
      description =
          "A two-tower model directory trained on this data set (nudge train --out): the ANN"
              + " source uses its item and user embeddings instead of PureSVD stand-ins.")
  Path model;

  @Option(
      names = "--feature",
      paramLabel = "NAME=VALUE",
      description =
          "A raw feature of a user outside the data set (e.g. --feature age=25 --feature"
              + " occupation=writer), encoded by the model's user tower; needs --model.")
  Map<String, String> features = new LinkedHashMap<>();

  @Option(names = "--seed", defaultValue = "20261123", description = "Seed of every random step.")
  long seed;

  @Option(names = "--dropped", description = "Also list the candidates that were cut, and why.")
  boolean dropped;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    if (slate < 1) {
      throw InputException.forField("--slate", "must be >= 1, got " + slate);
    }
    if (explore < 0 || explore > slate) {
      throw InputException.forField("--explore", "must be in 0.." + slate + ", got " + explore);
    }
    if (!ranker.equals("logistic") && !ranker.equals("mmoe")) {
      throw InputException.forField("--ranker", "must be logistic or mmoe, got '" + ranker + "'");
    }
    if (!features.isEmpty() && model == null) {
      throw InputException.forField(
          "--feature", "needs --model: only a two-tower model's user tower reads raw features");
    }
    Dataset d = input.load();
    int key = d.users().ids().indexOf(user);
    if (!features.isEmpty() && key >= 0) {
      throw InputException.forField(
          "--feature",
          "is for users outside the data set; user '"
              + user
              + "' is in "
              + d.name()
              + " and is encoded from its own features and history");
    }
    TwoTowerEmbeddings towers =
        model == null ? null : TwoTowerEmbeddings.of(TwoTowerFiles.load(model), d, model);
    FunnelAssembly funnel =
        FunnelAssembly.build(
            d,
            new FunnelAssembly.Options(
                ranker,
                towers == null ? null : towers.itemVectors(),
                32,
                FunnelAssembly.explorationPolicy(),
                explore,
                seed,
                threads(),
                towers == null ? null : towers.encoder()),
            InstantSource.system(),
            Progress.silent());
    String eventId = "recommend-" + user + "-" + Long.toHexString(Seeds.mix(seed));
    FunnelRequest request = new FunnelRequest(key, segment, eventId, slate);
    FunnelResult r =
        towers != null && key < 0
            ? funnel.pipeline().recommendNewUser(request, towers.newUser(features))
            : funnel.pipeline().recommend(request);
    String path = towers == null ? null : userPath(towers, funnel, key).label();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(d, user, key, path, r));
    } else {
      print(out, d, key, path, r);
    }
    out.flush();
    return 0;
  }

  /** How the ANN source got (or did not get) this user's embedding. */
  private TwoTowerEmbeddings.UserPath userPath(
      TwoTowerEmbeddings towers, FunnelAssembly funnel, int key) {
    if (key < 0) {
      return towers.newUserPath(features);
    }
    // The directory encodes only users with a history; others get segment popularity.
    return funnel.graph().history(key).length == 0
        ? TwoTowerEmbeddings.UserPath.NONE
        : towers.pathOf(key);
  }

  private static int threads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  private void print(PrintWriter out, Dataset d, int key, String path, FunnelResult r) {
    if (key < 0) {
      out.printf(
          "user '%s' is not in %s: served as a new user (segment %d)%n", user, d.name(), segment);
    }
    if (path != null) {
      out.printf(
          "two-tower model %s: user embedding %s%s%n",
          model,
          path,
          path.equals("none") ? " (ANN source silent: segment popularity and exploration)" : "");
    }
    out.printf(
        Locale.ROOT,
        "%-4s %-8s %-16s %-48s %8s %8s %7s %7s %s%n",
        "pos",
        "item",
        "source",
        "title",
        "click",
        "like",
        "value",
        "bonus",
        "explored");
    for (FunnelResult.SlateEntry e : r.slate()) {
      String title = d.items().text(e.item());
      title = title == null ? "" : title.length() > 48 ? title.substring(0, 47) + "~" : title;
      out.printf(
          Locale.ROOT,
          "%-4d %-8s %-16s %-48s %8.4f %8.4f %7.4f %7.3f %s%n",
          e.position(),
          e.id(),
          e.source(),
          title,
          e.taskScores().getOrDefault("click", Double.NaN),
          e.taskScores().getOrDefault("like", Double.NaN),
          e.value(),
          e.bonus(),
          e.explored() ? "yes" : "");
    }
    Map<String, Long> nanos = r.stageNanos();
    out.printf(
        Locale.ROOT,
        "stages (ms): retrieve %.2f, rank %.2f, explore %.2f, rerank %.2f; %d candidates cut%n",
        nanos.get("retrieve") / 1e6,
        nanos.get("rank") / 1e6,
        nanos.get("explore") / 1e6,
        nanos.get("rerank") / 1e6,
        r.dropped().size());
    if (dropped) {
      for (FunnelResult.DroppedItem x : r.dropped()) {
        out.printf(
            "dropped %-8s %-16s %-12s %s%n",
            d.items().ids().id(x.item()), x.source(), x.stage(), x.reason());
      }
    }
  }

  private String toJson(Dataset d, String id, int key, String path, FunnelResult r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("user", id);
    root.put("knownUser", key >= 0);
    if (path != null) {
      root.put("model", model.toString());
      root.put("userEmbedding", path);
    }
    root.put("slate", r.slate());
    if (dropped) {
      List<Map<String, Object>> cut =
          r.dropped().stream()
              .map(
                  x -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("item", d.items().ids().id(x.item()));
                    m.put("source", x.source());
                    m.put("stage", x.stage());
                    m.put("reason", x.reason());
                    return m;
                  })
              .toList();
      root.put("dropped", cut);
    }
    root.put("stageNanos", r.stageNanos());
    try {
      return new ObjectMapper().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
