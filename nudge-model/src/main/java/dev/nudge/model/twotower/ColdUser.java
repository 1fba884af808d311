package dev.nudge.model.twotower;

import java.util.List;
import java.util.Map;

/**
 * A user described by raw values rather than a model key: someone who signed up after training, or
 * whose id the model never saw. The user tower encodes them with the vocabularies and
 * standardisation saved in the model; their id group contributes zeros (no row was learned), so
 * features and history carry the embedding.
 *
 * @param features raw feature values by column name: a categorical value, a number as text, a text,
 *     or multi-categorical values separated by {@code |}. A column the tower reads but the map
 *     lacks (or an unknown categorical value) reads as missing, like at training time; columns the
 *     tower does not read are ignored
 * @param history item ids the user interacted with positively, oldest first; ids the model does not
 *     know are skipped, and only the most recent ones the history group reads are used
 */
public record ColdUser(Map<String, String> features, List<String> history) {

  public ColdUser {
    features = features == null ? Map.of() : features;
    history = history == null ? List.of() : history;
    for (Map.Entry<String, String> e : features.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException(
            "features must not hold null names or values, got " + e.getKey() + "=" + e.getValue());
      }
    }
    for (int k = 0; k < history.size(); k++) {
      if (history.get(k) == null) {
        throw new IllegalArgumentException("history must not hold null item ids, got one at " + k);
      }
    }
    features = Map.copyOf(features);
    history = List.copyOf(history);
  }
}
