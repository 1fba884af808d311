package dev.nudge.ranking;

import dev.nudge.data.FeatureTable;
import dev.nudge.data.UserTable;
import java.util.Arrays;

/**
 * Coarse user segments for segment popularity and cold start: age band (under 18, 18-24, 25-34,
 * 35-44, 45-49, 50-55, 56 and over, the MovieLens 1M bands) crossed with gender, from the user
 * table's "age" (numeric) and "gender" (categorical) columns when present. Users missing both get
 * -1.
 *
 * @param segmentOfUser each user's segment, or -1
 * @param segments how many segments there are
 */
public record UserSegments(int[] segmentOfUser, int segments) {
  private static final int[] BAND_UPPER = {17, 24, 34, 44, 49, 55, Integer.MAX_VALUE};

  public UserSegments {
    segmentOfUser = segmentOfUser.clone();
  }

  /** The age band (0..6) of an age in years. */
  public static int ageBand(double age) {
    for (int b = 0; b < BAND_UPPER.length; b++) {
      if (age <= BAND_UPPER[b]) {
        return b;
      }
    }
    return BAND_UPPER.length - 1;
  }

  public static UserSegments of(UserTable users) {
    FeatureTable f = users.features();
    FeatureTable.NumericColumn age =
        f.column("age")
            .filter(FeatureTable.NumericColumn.class::isInstance)
            .map(FeatureTable.NumericColumn.class::cast)
            .orElse(null);
    FeatureTable.CategoricalColumn gender =
        f.column("gender")
            .filter(FeatureTable.CategoricalColumn.class::isInstance)
            .map(FeatureTable.CategoricalColumn.class::cast)
            .orElse(null);
    int genders = gender == null ? 1 : Math.max(1, gender.vocabulary().size());
    int bands = age == null ? 1 : BAND_UPPER.length;
    int[] seg = new int[users.size()];
    Arrays.fill(seg, -1);
    if (age == null && gender == null) {
      return new UserSegments(seg, 0);
    }
    for (int u = 0; u < seg.length; u++) {
      int b = age == null || Float.isNaN(age.value(u)) ? 0 : ageBand(age.value(u));
      int g = gender == null || gender.code(u) < 0 ? 0 : gender.code(u);
      seg[u] = b * genders + g;
    }
    return new UserSegments(seg, bands * genders);
  }
}
