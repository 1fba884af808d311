package dev.nudge.eval.ope;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.core.InputException;
import dev.nudge.core.Seeds;
import dev.nudge.data.Dataset;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.InteractionLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a data set whose log carries the logging policy's propensities (the Open Bandit Dataset,
 * the generic format with a propensity column) into {@link LoggedRound}s: every catalogue item is a
 * candidate, with its features encoded as numbers (numeric as is, categorical one-hot); the context
 * of a row is its logged context features encoded the same way; the action is the logged item; the
 * reward is the logged label or rating.
 */
public final class LoggedRounds {
  private LoggedRounds() {}

  /** All rows of the log, or those at {@code position} (0-based) when it is >= 0. */
  public static List<LoggedRound> of(Dataset data, Path source, int position) {
    InteractionLog log = data.interactions();
    if (!log.hasPropensities()) {
      throw InputException.inFile(
          source, "the log has no propensities: off-policy evaluation needs them");
    }
    List<Arm> arms = new ArrayList<>(data.items().size());
    FeatureTable items = data.items().features();
    int itemWidth = width(items);
    int contextWidth = width(log.context());
    for (int i = 0; i < data.items().size(); i++) {
      arms.add(
          new Arm(
              data.items().ids().id(i),
              i,
              null,
              encode(items, i, itemWidth),
              data.items().primaryTopic(i)));
    }
    List<LoggedRound> rounds = new ArrayList<>();
    for (int r = 0; r < log.size(); r++) {
      if (position >= 0 && log.position(r) != position) {
        continue;
      }
      double p = log.propensity(r).orElseThrow();
      if (!(p > 0 && p <= 1)) {
        throw InputException.forField(
            source, 0, "propensity", "row " + r + " has propensity " + p + ", need (0, 1]");
      }
      String eventId = "row-" + r;
      DecisionContext context =
          new DecisionContext(
              eventId,
              log.user(r),
              null,
              encode(log.context(), r, contextWidth),
              arms,
              1,
              DecisionContext.UNLIMITED,
              Seeds.forEvent(eventId));
      rounds.add(new LoggedRound(context, log.item(r), p, log.value(r)));
    }
    return rounds;
  }

  /**
   * The logged policy's action shares per position, e.g. those of the Open Bandit Dataset's
   * Bernoulli Thompson policy: {@code shares[position][itemKey]}.
   */
  public static double[][] actionShares(InteractionLog log, int items) {
    int positions = 1;
    for (int r = 0; r < log.size(); r++) {
      positions = Math.max(positions, log.position(r) + 1);
    }
    double[][] shares = new double[positions][items];
    double[] totals = new double[positions];
    for (int r = 0; r < log.size(); r++) {
      int pos = Math.max(0, log.position(r));
      shares[pos][log.item(r)]++;
      totals[pos]++;
    }
    for (int pos = 0; pos < positions; pos++) {
      for (int i = 0; i < items; i++) {
        shares[pos][i] = totals[pos] == 0 ? 0 : shares[pos][i] / totals[pos];
      }
    }
    return shares;
  }

  /** The length of an encoded row of {@code table}: one per numeric value, per category. */
  static int width(FeatureTable table) {
    int width = 0;
    for (FeatureTable.Column c : table.columns()) {
      width += width(c);
    }
    return width;
  }

  /**
   * A row's features as numbers: numeric values (NaN as 0), categorical values one-hot; {@code
   * width} is {@link #width(FeatureTable)}, computed once per table.
   */
  static double[] encode(FeatureTable table, int row, int width) {
    double[] x = new double[width];
    int at = 0;
    for (FeatureTable.Column c : table.columns()) {
      switch (c) {
        case FeatureTable.NumericColumn n -> {
          float v = n.value(row);
          x[at] = Float.isNaN(v) ? 0 : v;
        }
        case FeatureTable.CategoricalColumn k -> {
          if (k.code(row) >= 0) {
            x[at + k.code(row)] = 1;
          }
        }
        case FeatureTable.MultiCategoricalColumn m -> {
          for (int code : m.codes(row)) {
            x[at + code] = 1;
          }
        }
        case FeatureTable.TextColumn t -> {}
      }
      at += width(c);
    }
    return x;
  }

  private static int width(FeatureTable.Column c) {
    return switch (c) {
      case FeatureTable.NumericColumn n -> 1;
      case FeatureTable.CategoricalColumn k -> k.vocabulary().size();
      case FeatureTable.MultiCategoricalColumn m -> m.vocabulary().size();
      case FeatureTable.TextColumn t -> 0;
    };
  }
}
