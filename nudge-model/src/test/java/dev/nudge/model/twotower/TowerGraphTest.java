package dev.nudge.model.twotower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.nudge.core.Seeds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DJL training graph and the plain-Java serving path must compute the same function. */
class TowerGraphTest {

  @Test
  void djlGraphMatchesJavaForwardForEveryInputKind() {
    SyntheticData.World w = SyntheticData.world(40, 30, 3, 6, 1);
    for (TowerConfig.Activation act : TowerConfig.Activation.values()) {
      for (boolean cosine : new boolean[] {false, true}) {
        TowerConfig user =
            new TowerConfig(
                List.of(
                    InputGroup.id(4),
                    InputGroup.categorical("segment", 3),
                    InputGroup.numeric("age"),
                    InputGroup.history(5, 4)),
                List.of(7, 6),
                act,
                0.0);
        TowerConfig item =
            new TowerConfig(
                List.of(
                    InputGroup.id(4),
                    InputGroup.text("text", 3, 16, 5),
                    InputGroup.text("topics", 2, 8, 2)),
                List.of(5),
                act,
                0.0);
        TwoTowerConfig config = new TwoTowerConfig(user, item, 6, cosine, null, null);
        FeatureEncoder.Encoded enc = FeatureEncoder.encode(w.data(), w.train(), config);
        var rng = Seeds.random(9, "weights");
        TowerWeights uw = TowerWeights.init(user, 6, cosine, enc.users(), rng);
        TowerWeights iw = TowerWeights.init(item, 6, cosine, enc.items(), rng);
        // A non-zero query makes attention weights unequal.
        for (int k = 0; k < uw.query.length; k++) {
          uw.query[k] = (float) rng.nextGaussian();
        }
        int[] rows = {0, 5, 5, 29, 17};
        try (NDManager m = NDManager.newBaseManager()) {
          float[] du = TowerGraph.forward(m, uw, enc.users(), rows, null).output().toFloatArray();
          float[] di = TowerGraph.forward(m, iw, enc.items(), rows, null).output().toFloatArray();
          for (int r = 0; r < rows.length; r++) {
            float[] ju = uw.forward(enc.users(), rows[r], null);
            float[] ji = iw.forward(enc.items(), rows[r], null);
            for (int k = 0; k < 6; k++) {
              assertThat(du[r * 6 + k])
                  .as("user %s %s", act, cosine)
                  .isCloseTo(ju[k], within(2e-5f));
              assertThat(di[r * 6 + k])
                  .as("item %s %s", act, cosine)
                  .isCloseTo(ji[k], within(2e-5f));
            }
          }
        }
      }
    }
  }

  @Test
  void erfMatchesKnownValues() {
    assertThat(TowerWeights.erf(0)).isCloseTo(0, within(2e-7));
    assertThat(TowerWeights.erf(0.5)).isCloseTo(0.5204998778, within(2e-7));
    assertThat(TowerWeights.erf(-1.5)).isCloseTo(-0.9661051465, within(2e-7));
  }
}
