package dev.nudge.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ShermanMorrisonTest {
  private static final int D = 8;

  private static double[] gaussian(RandomGenerator random, int d) {
    double[] v = new double[d];
    for (int i = 0; i < d; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }

  @Test
  void rankOneUpdatesMatchAFreshInverse() {
    RandomGenerator random = Seeds.random(1);
    ShermanMorrison sm = new ShermanMorrison(D, 2.0, 0);
    double[] a = new double[D * D];
    for (int i = 0; i < D; i++) {
      a[i * D + i] = 2.0;
    }
    for (int t = 0; t < 500; t++) {
      double[] v = gaussian(random, D);
      double w = 0.5 + random.nextDouble();
      sm.add(v, w);
      for (int i = 0; i < D; i++) {
        for (int j = 0; j < D; j++) {
          a[i * D + j] += w * v[i] * v[j];
        }
      }
    }
    assertThat(Direct.maxAbsDiff(sm.matrix(), a)).isLessThan(1e-9);
    assertThat(Direct.maxAbsDiff(sm.inverse(), Direct.inverse(a, D))).isLessThan(1e-9);
    assertThat(sm.inverseError()).isLessThan(1e-9);
    assertThat(sm.updates()).isEqualTo(500);
  }

  @Test
  void downdatesUndoUpdates() {
    RandomGenerator random = Seeds.random(2);
    ShermanMorrison sm = new ShermanMorrison(D, 1.0, 0);
    double[][] vs = new double[50][];
    for (int t = 0; t < vs.length; t++) {
      vs[t] = gaussian(random, D);
      sm.add(vs[t], 1);
    }
    double[] a = new double[D * D];
    for (int i = 0; i < D; i++) {
      a[i * D + i] = 1.0;
    }
    for (int t = 0; t < vs.length; t++) {
      if (t < 20) {
        sm.remove(vs[t]);
      } else {
        for (int i = 0; i < D; i++) {
          for (int j = 0; j < D; j++) {
            a[i * D + j] += vs[t][i] * vs[t][j];
          }
        }
      }
    }
    assertThat(Direct.maxAbsDiff(sm.inverse(), Direct.inverse(a, D))).isLessThan(1e-9);
  }

  @Test
  void periodicReinversionIsExactCholesky() {
    RandomGenerator random = Seeds.random(3);
    ShermanMorrison periodic = new ShermanMorrison(D, 1.0, 100);
    for (int t = 0; t < 100; t++) {
      periodic.add(gaussian(random, D), 1);
    }
    // Right after the 100th update the inverse was recomputed from A, bit for bit.
    assertThat(periodic.inverse()).containsExactly(Dense.choleskyInverse(periodic.matrix(), D));
    assertThat(Direct.maxAbsDiff(periodic.inverse(), Direct.inverse(periodic.matrix(), D)))
        .isLessThan(1e-12);
  }

  @Test
  void reinversionRemovesDriftOnIllConditionedUpdates() {
    RandomGenerator random = Seeds.random(4);
    ShermanMorrison sm = new ShermanMorrison(D, 1e-3, 0);
    double[] base = gaussian(random, D);
    for (int t = 0; t < 2000; t++) {
      double[] v = base.clone();
      v[t % D] += 1e-3 * random.nextGaussian();
      sm.add(v, 1);
    }
    double drifted = sm.inverseError();
    sm.reinvert();
    assertThat(sm.inverseError()).isLessThanOrEqualTo(drifted).isLessThan(1e-6);
  }

  @Test
  void quadraticFormAndSolveMatchTheInverse() {
    RandomGenerator random = Seeds.random(5);
    ShermanMorrison sm = new ShermanMorrison(D, 1.5, 0);
    for (int t = 0; t < 30; t++) {
      sm.add(gaussian(random, D), 1);
    }
    double[] x = gaussian(random, D);
    double[] inv = Direct.inverse(sm.matrix(), D);
    double expected = 0;
    double[] solved = new double[D];
    for (int i = 0; i < D; i++) {
      for (int j = 0; j < D; j++) {
        expected += x[i] * inv[i * D + j] * x[j];
        solved[i] += inv[i * D + j] * x[j];
      }
    }
    assertThat(sm.quadraticForm(x))
        .isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-10));
    double[] out = new double[D];
    sm.solve(x, out);
    assertThat(Direct.maxAbsDiff(out, solved)).isLessThan(1e-10);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> new ShermanMorrison(0, 1, 0)).hasMessageContaining("dimension");
    assertThatThrownBy(() -> new ShermanMorrison(3, -1, 0)).hasMessageContaining("lambda");
    assertThatThrownBy(() -> new ShermanMorrison(3, Double.NaN, 0)).hasMessageContaining("lambda");
    assertThatThrownBy(() -> new ShermanMorrison(3, 1, -1)).hasMessageContaining("reinvertEvery");
    ShermanMorrison sm = new ShermanMorrison(3, 1, 0);
    assertThatThrownBy(() -> sm.add(new double[2], 1)).hasMessageContaining("length 2");
    assertThatThrownBy(() -> sm.add(new double[3], 0)).hasMessageContaining("weight");
    // Removing a vector never added would make A indefinite.
    assertThatThrownBy(() -> sm.remove(new double[] {2, 0, 0})).hasMessageContaining("singular");
  }

  @Test
  void copiesAndLoadsAreIndependentAndExact() {
    RandomGenerator random = Seeds.random(6);
    ShermanMorrison sm = new ShermanMorrison(D, 1, 7);
    for (int t = 0; t < 10; t++) {
      sm.add(gaussian(random, D), 1);
    }
    ShermanMorrison copy = sm.copy();
    ShermanMorrison loaded = new ShermanMorrison(D, 1, 7);
    loaded.load(sm.matrix().clone(), sm.inverse().clone(), sm.updates());
    double[] v = gaussian(random, D);
    sm.add(v, 1);
    copy.add(v, 1);
    loaded.add(v, 1);
    assertThat(copy.inverse()).containsExactly(sm.inverse());
    assertThat(loaded.inverse()).containsExactly(sm.inverse());
    assertThatThrownBy(() -> loaded.load(new double[3], new double[D * D], 0))
        .hasMessageContaining("expected " + D * D);
  }
}
