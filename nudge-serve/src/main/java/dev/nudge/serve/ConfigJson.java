package dev.nudge.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.serve.learn.LearnSettings;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Reads {@code PUT /v1/config} bodies: any subset of the fields, merged over the current config.
 */
final class ConfigJson {
  private static final Set<String> FIELDS =
      Set.of(
          "policy",
          "exploration",
          "params",
          "rewardWait",
          "defaultReward",
          "aggregation",
          "learningMode",
          "objectiveWeights",
          "slateSize",
          "contextDimensions",
          "snapshotEvery");

  private ConfigJson() {}

  static ServiceConfig merge(ServiceConfig base, JsonNode patch) {
    JsonFields.object(patch, "");
    JsonFields.onlyFields(patch, "", FIELDS);
    String policy = JsonFields.text(patch, "policy", "", false);
    double exploration =
        patch.has("exploration")
            ? JsonFields.number(patch.get("exploration"), "exploration")
            : base.exploration();
    var params = patch.has("params") ? JsonFields.numbers(patch, "params", "") : base.params();
    Duration wait = base.rewardWait();
    String waitText = JsonFields.text(patch, "rewardWait", "", false);
    if (waitText != null) {
      try {
        wait = Duration.parse(waitText);
      } catch (DateTimeParseException e) {
        throw ApiProblem.badField(
            "rewardWait", "must be an ISO-8601 duration such as PT10M, got '" + waitText + "'");
      }
    }
    double defaultReward =
        patch.has("defaultReward")
            ? JsonFields.number(patch.get("defaultReward"), "defaultReward")
            : base.defaultReward();
    LearnSettings.Aggregation aggregation = base.aggregation();
    String a = JsonFields.text(patch, "aggregation", "", false);
    if (a != null) {
      aggregation = LearnSettings.Aggregation.ofWireName(a);
      if (aggregation == null) {
        throw ApiProblem.badField("aggregation", "must be sum or earliest, got '" + a + "'");
      }
    }
    LearnSettings.LearningMode mode = base.learningMode();
    String m = JsonFields.text(patch, "learningMode", "", false);
    if (m != null) {
      mode = LearnSettings.LearningMode.ofWireName(m);
      if (mode == null) {
        throw ApiProblem.badField(
            "learningMode", "must be online, apprentice or logging-only, got '" + m + "'");
      }
    }
    var weights =
        patch.has("objectiveWeights")
            ? JsonFields.numbers(patch, "objectiveWeights", "")
            : base.objectiveWeights();
    Integer slate = JsonFields.integer(patch, "slateSize", "", 1, ServiceConfig.MAX_SLATE_SIZE);
    Integer dims =
        JsonFields.integer(patch, "contextDimensions", "", 1, FeatureHasher.MAX_DIMENSIONS);
    Integer every = JsonFields.integer(patch, "snapshotEvery", "", 1, Integer.MAX_VALUE);
    return new ServiceConfig(
        policy != null ? policy : base.policy(),
        exploration,
        params,
        wait,
        defaultReward,
        aggregation,
        mode,
        weights,
        slate != null ? slate : base.slateSize(),
        dims != null ? dims : base.contextDimensions(),
        every != null ? every : base.snapshotEvery());
  }
}
