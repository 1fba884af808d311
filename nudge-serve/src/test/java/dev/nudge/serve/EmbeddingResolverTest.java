package dev.nudge.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nudge.bandit.Arm;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddingResolverTest {
  private static final EmbeddingModel MODEL =
      new EmbeddingModel(
          "m@1", 3, Map.of("u1", new float[] {1, 0, 0}), Map.of("n1", new float[] {0, 1, 0}));

  private static ServiceConfig policy(String spec) {
    return ServiceConfig.defaults().withPolicy(spec);
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  @Test
  void shapesFollowThePolicySpecAndTheModel() {
    EmbeddingResolver r = new EmbeddingResolver();
    assertThat(r.shape(policy("epsilon-greedy"), EmbeddingModel.NONE))
        .isEqualTo(EmbeddingResolver.Shape.NONE);
    assertThat(r.shape(policy("epsilon-greedy"), MODEL))
        .isEqualTo(new EmbeddingResolver.Shape(3, 3, false));
    assertThat(r.shape(policy("s-n-galm-ucb(d1=8, d2=4)"), EmbeddingModel.NONE))
        .isEqualTo(new EmbeddingResolver.Shape(8, 4, true));
    assertThat(r.shape(policy("s-n-gblm-ucb(d1=3)"), MODEL))
        .isEqualTo(new EmbeddingResolver.Shape(3, 3, true));
    assertThat(r.shape(policy("n-greedy"), EmbeddingModel.NONE))
        .isEqualTo(new EmbeddingResolver.Shape(32, 32, true)); // contextDimensions
    assertThatThrownBy(() -> r.shape(policy("s-n-galm-ucb(d1=8)"), MODEL))
        .isInstanceOf(ApiProblem.class)
        .hasMessageContaining("d1 is 8")
        .hasMessageContaining("3-dimensional");
  }

  @Test
  void knownIdsGetTheModelsVectorsAndUnknownOnesAUnitHashedVector() {
    EmbeddingResolver r = new EmbeddingResolver();
    EmbeddingResolver.Shape shape = new EmbeddingResolver.Shape(3, 3, true);
    Arm known = new Arm("n1", 0, null, new double[] {0, 0}, -1);
    assertThat(r.item(known, shape, MODEL, true).embedding()).containsExactly(0, 1, 0);

    Arm fresh = new Arm("fresh", 1, null, new double[] {2, 0}, 4);
    float[] x = r.item(fresh, shape, MODEL, false).embedding();
    assertThat(x).hasSize(3);
    assertThat(norm(x)).isCloseTo(1, within(1e-6));
    assertThat(r.item(fresh, shape, MODEL, false).embedding()).containsExactly(x); // deterministic
    // Catalogue arms are cached: the same resolved arm until the arm or model changes.
    Arm first = r.item(fresh, shape, MODEL, true);
    assertThat(r.item(fresh, shape, MODEL, true)).isSameAs(first);
    assertThat(r.item(fresh, shape, EmbeddingModel.NONE, true)).isNotSameAs(first);
    // Policies that ignore embeddings get no hashed vectors.
    assertThat(r.item(fresh, new EmbeddingResolver.Shape(3, 3, false), MODEL, true).embedding())
        .isEmpty();

    ObjectNode context = NudgeJson.JSON.createObjectNode().put("hour", 9);
    assertThat(r.user("u1", context, Map.of(), shape, MODEL)).containsExactly(1, 0, 0);
    float[] z = r.user("stranger", context, Map.of("age", 40.0), shape, MODEL);
    assertThat(norm(z)).isCloseTo(1, within(1e-6));
    assertThat(
            r.user("stranger", context, Map.of(), new EmbeddingResolver.Shape(3, 3, false), MODEL))
        .isNull();
  }
}
