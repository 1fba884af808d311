package dev.nudge.model.twotower;

import dev.nudge.core.Seeds;
import dev.nudge.data.Catalogue;
import dev.nudge.data.Dataset;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.FeatureType;
import dev.nudge.data.IdIndex;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.UserTable;
import java.util.random.RandomGenerator;

/**
 * A small synthetic world for tests: users and items each belong to one of {@code groups} taste
 * groups; a user interacts mostly with items of their group. Users carry a categorical "segment"
 * (their group) and a numeric "age"; items carry topics (their group's genre) and a title.
 */
final class SyntheticData {
  private SyntheticData() {}

  /** The data set and, per user, the held-out last positive (test) after {@code perUser} rows. */
  record World(Dataset data, InteractionLog train, InteractionLog test) {}

  static World world(int users, int items, int groups, int perUser, long seed) {
    RandomGenerator rng = Seeds.random(seed, "synthetic");
    FeatureTable.Builder uf =
        new FeatureTable.Builder()
            .declare("segment", FeatureType.CATEGORICAL)
            .declare("age", FeatureType.NUMERIC);
    for (int u = 0; u < users; u++) {
      uf.nextRow().set("segment", "s" + (u % groups)).set("age", 20f + (u % 50));
    }
    FeatureTable.Builder itf =
        new FeatureTable.Builder()
            .declare(Catalogue.TOPICS, FeatureType.MULTI_CATEGORICAL)
            .declare(Catalogue.TEXT, FeatureType.TEXT);
    for (int i = 0; i < items; i++) {
      itf.nextRow()
          .add(Catalogue.TOPICS, "genre" + (i % groups))
          .set(Catalogue.TEXT, "Item " + i + " of kind " + (i % groups));
    }
    InteractionLog.Builder train = new InteractionLog.Builder(InteractionLog.ValueKind.LABEL);
    InteractionLog.Builder test = new InteractionLog.Builder(InteractionLog.ValueKind.LABEL);
    int perGroup = items / groups;
    for (int u = 0; u < users; u++) {
      int g = u % groups;
      for (int k = 0; k <= perUser; k++) {
        int item = rng.nextDouble() < 0.9 ? g + groups * rng.nextInt(perGroup) : rng.nextInt(items);
        if (k < perUser) {
          train.add(u, item, 1000L * k + u, 1f);
        } else {
          test.add(u, item, 1000L * k + u, 1f);
        }
      }
    }
    Dataset data =
        new Dataset(
            "synthetic",
            Catalogue.of(IdIndex.range(items), itf.build()),
            new UserTable(IdIndex.range(users), uf.build()),
            train.build());
    return new World(data, data.interactions(), test.build());
  }
}
