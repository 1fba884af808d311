package dev.nudge.simulation.paper;

import java.util.Objects;
import java.util.function.Function;

/**
 * What a policy may know of items and users: item embeddings x_i and a user embedding z_u computed
 * from the user's history, both produced by an encoder pre-trained without the trial's users.
 *
 * @param name the encoder's name, for reports
 * @param items one embedding per item key
 * @param user the user tower: positive-history item keys (oldest first) → z_u
 */
public record Encoding(String name, float[][] items, Function<int[], float[]> user) {
  public Encoding {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(user, "user");
  }

  public int itemDimension() {
    return items.length == 0 ? 0 : items[0].length;
  }

  /** Pre-trains an encoding on the interactions of the non-trial users. */
  @FunctionalInterface
  public interface Fitter {
    Encoding fit(dev.nudge.data.Dataset pretraining, long seed);
  }

  /**
   * The user as the mean of their history's item embeddings: what N-GLM and the shared policies use
   * when the encoder has no user tower of its own.
   */
  public static Function<int[], float[]> meanOfItems(float[][] items) {
    return history -> {
      int d = items.length == 0 ? 0 : items[0].length;
      float[] z = new float[d];
      for (int i : history) {
        for (int f = 0; f < d; f++) {
          z[f] += items[i][f] / history.length;
        }
      }
      return z;
    };
  }
}
