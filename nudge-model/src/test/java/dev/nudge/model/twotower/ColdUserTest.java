package dev.nudge.model.twotower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.InputException;
import dev.nudge.core.Progress;
import dev.nudge.data.Dataset;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.load.DatasetFormats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColdUserTest {
  private static final SyntheticData.World WORLD = SyntheticData.world(300, 200, 5, 20, 11);

  private static TwoTowerConfig config(boolean withId) {
    List<InputGroup> user = new ArrayList<>();
    if (withId) {
      user.add(InputGroup.id(8));
    }
    user.add(InputGroup.categorical("segment", 4));
    user.add(InputGroup.numeric("age"));
    user.add(InputGroup.history(8, 5));
    return new TwoTowerConfig(
        new TowerConfig(user, List.of(16), null, null),
        new TowerConfig(List.of(InputGroup.id(8)), List.of(16), null, null),
        8,
        false,
        null,
        new TrainingConfig(null, null, null, 0.01, 128, 1, null, null, 0.5, 3L, null));
  }

  private static TwoTowerModel train(TwoTowerConfig config) {
    return TwoTowerTrainer.train(WORLD.data(), WORLD.train(), config, null, Progress.silent())
        .model();
  }

  /** A known user's raw features and training history, as a caller would pass them. */
  private static ColdUser asCold(Dataset data, InteractionLog train, int user) {
    FeatureTable f = data.users().features();
    Map<String, String> raw = new HashMap<>();
    for (FeatureTable.Column c : f.columns()) {
      switch (c) {
        case FeatureTable.CategoricalColumn k when k.value(user) != null ->
            raw.put(c.name(), k.value(user));
        case FeatureTable.NumericColumn n when !Float.isNaN(n.value(user)) ->
            raw.put(c.name(), Float.toString(n.value(user)));
        default -> {
          // Missing values stay out of the map.
        }
      }
    }
    List<String> history = new ArrayList<>();
    for (int r : train.timeOrder()) {
      if (train.user(r) == user && train.isPositive(r, 0.5f)) {
        history.add(data.items().ids().id(train.item(r)));
      }
    }
    return new ColdUser(raw, history);
  }

  @Test
  void withoutAnIdGroupAKnownUsersRawValuesGiveTheirOwnEmbedding() {
    // The cold path must encode features and history exactly as training did.
    TwoTowerModel model = train(config(false));
    for (int u : new int[] {0, 7, 123, 299}) {
      float[] known = model.userEmbedding(u);
      float[] cold = model.userEmbedding(asCold(WORLD.data(), WORLD.train(), u));
      assertThat(cold).containsExactly(known, org.assertj.core.data.Offset.offset(1e-5f));
    }
  }

  @Test
  void aColdUsersEmbeddingIsFiniteAndFollowsFeaturesAndHistory() {
    TwoTowerModel model = train(config(true));
    assertThat(model.encodesColdUsers()).isTrue();
    ColdUser base = new ColdUser(Map.of("segment", "s1", "age", "30"), List.of("3", "8", "13"));
    float[] e = model.userEmbedding(base);
    assertThat(e).hasSize(model.dimension());
    for (float v : e) {
      assertThat(Float.isFinite(v)).isTrue();
    }
    float[] otherSegment =
        model.userEmbedding(new ColdUser(Map.of("segment", "s2", "age", "30"), base.history()));
    float[] otherAge =
        model.userEmbedding(new ColdUser(Map.of("segment", "s1", "age", "60"), base.history()));
    float[] otherHistory =
        model.userEmbedding(new ColdUser(base.features(), List.of("4", "9", "14")));
    assertThat(otherSegment).isNotEqualTo(e);
    assertThat(otherAge).isNotEqualTo(e);
    assertThat(otherHistory).isNotEqualTo(e);
    // An unknown value reads as missing, as does a missing key; unknown item ids are skipped.
    assertThat(model.userEmbedding(new ColdUser(Map.of("segment", "nope", "age", "30"), null)))
        .containsExactly(model.userEmbedding(new ColdUser(Map.of("age", "30"), List.of("x"))));
    // Scores are the embedding's dot products with the items.
    float[] scores = new float[model.itemCount()];
    model.score(base, scores);
    float[] item = model.itemEmbedding(5);
    float dot = 0;
    for (int k = 0; k < e.length; k++) {
      dot += e[k] * item[k];
    }
    assertThat(scores[5]).isCloseTo(dot, org.assertj.core.data.Offset.offset(1e-5f));
  }

  @Test
  void badRawValuesFailClearly() {
    TwoTowerModel model = train(config(true));
    assertThatThrownBy(() -> model.userEmbedding(new ColdUser(Map.of("age", "old"), null)))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("features.age")
        .hasMessageContaining("'old'");
    Map<String, String> withNull = new HashMap<>();
    withNull.put("age", null);
    assertThatThrownBy(() -> new ColdUser(withNull, null)).hasMessageContaining("null");
    assertThatThrownBy(() -> new ColdUser(null, Arrays.asList("1", null)))
        .hasMessageContaining("history");
  }

  @Test
  void codecsMissingWhatTheirKindNeedsAreRejected() {
    assertThatThrownBy(
            () -> new RawFeatureCodec(InputGroup.Kind.CATEGORICAL, "x", null, null, null, null))
        .hasMessageContaining("vocabulary must be set")
        .hasMessageContaining("categorical");
    assertThatThrownBy(
            () -> new RawFeatureCodec(InputGroup.Kind.NUMERIC, "age", null, 30.0, 0.0, null))
        .hasMessageContaining("scale");
    assertThatThrownBy(() -> new RawFeatureCodec(InputGroup.Kind.TEXT, "t", null, null, null, null))
        .hasMessageContaining("tokens");
    assertThatThrownBy(() -> new RawFeatureCodec(null, null, null, null, null, null))
        .hasMessageContaining("kind must be set");
  }

  @Test
  void savedModelsEncodeColdUsersTheSameWay(@TempDir Path dir) {
    TwoTowerModel model = train(config(true));
    TwoTowerFiles.save(model, dir);
    TwoTowerModel loaded = TwoTowerFiles.load(dir);
    ColdUser user = new ColdUser(Map.of("segment", "s3", "age", "41"), List.of("2", "7"));
    assertThat(loaded.userEmbedding(user)).containsExactly(model.userEmbedding(user));
    assertThat(dir.resolve(TwoTowerFiles.USER_CODECS)).exists();
  }

  @Test
  void onMovieLens100kHeldOutUsersAreRankedFarAboveRandom() {
    // Every 10th user is held out of training entirely. Each is then described by raw features
    // and the first half of their positives; the second half is what they should be shown.
    Dataset data =
        DatasetFormats.load(
            Path.of(System.getProperty("nudge.data.dir"), "ml-100k"), DatasetFormats.AUTO);
    InteractionLog all = data.interactions();
    int[] keep =
        java.util.stream.IntStream.range(0, all.size())
            .filter(r -> all.user(r) % 10 != 0)
            .toArray();
    InteractionLog train = all.select(keep);
    TwoTowerConfig config =
        new TwoTowerConfig(
            new TowerConfig(
                List.of(
                    InputGroup.id(16),
                    InputGroup.history(16, 20),
                    InputGroup.categorical("occupation", 4),
                    InputGroup.categorical("gender", 2),
                    InputGroup.numeric("age")),
                List.of(32),
                null,
                null),
            new TowerConfig(List.of(InputGroup.id(16)), List.of(32), null, null),
            16,
            false,
            null,
            new TrainingConfig(null, null, null, 0.005, 512, 2, null, null, 4.0, 9L, null));
    TwoTowerModel model =
        TwoTowerTrainer.train(data.withInteractions(train), train, config, null, Progress.silent())
            .model();
    float[] popularity = new float[data.items().size()];
    for (int r = 0; r < train.size(); r++) {
      popularity[train.item(r)]++;
    }
    double modelAuc = 0;
    double popularityAuc = 0;
    int lists = 0;
    float[] scores = new float[model.itemCount()];
    for (int u = 0; u < data.users().size(); u += 10) {
      ColdUser everything = asCold(data, all, u);
      List<String> positives = new ArrayList<>();
      for (int r : all.timeOrder()) {
        if (all.user(r) == u && all.isPositive(r, 4f)) {
          positives.add(data.items().ids().id(all.item(r)));
        }
      }
      if (positives.size() < 4) {
        continue;
      }
      List<String> seen = positives.subList(0, positives.size() / 2);
      List<String> later = positives.subList(positives.size() / 2, positives.size());
      model.score(new ColdUser(everything.features(), seen), scores);
      modelAuc += auc(scores, model, seen, later);
      popularityAuc += auc(popularity, model, seen, later);
      lists++;
    }
    modelAuc /= lists;
    popularityAuc /= lists;
    assertThat(lists).isGreaterThan(80);
    // Random scores give an AUC of 0.5; popularity, a strong baseline here, about 0.85.
    assertThat(modelAuc).isGreaterThan(0.75);
    assertThat(modelAuc).isGreaterThan(popularityAuc - 0.05);
  }

  /** Share of (later positive, other unseen item) pairs ordered correctly, ties as one half. */
  private static double auc(
      float[] scores, TwoTowerModel model, List<String> seen, List<String> later) {
    boolean[] skip = new boolean[scores.length];
    boolean[] positive = new boolean[scores.length];
    for (String id : seen) {
      skip[model.itemKey(id)] = true;
    }
    for (String id : later) {
      positive[model.itemKey(id)] = true;
    }
    double ordered = 0;
    long pairs = 0;
    for (int p = 0; p < scores.length; p++) {
      if (!positive[p] || skip[p]) {
        continue;
      }
      for (int n = 0; n < scores.length; n++) {
        if (positive[n] || skip[n]) {
          continue;
        }
        ordered += scores[p] > scores[n] ? 1 : scores[p] == scores[n] ? 0.5 : 0;
        pairs++;
      }
    }
    return ordered / pairs;
  }
}
