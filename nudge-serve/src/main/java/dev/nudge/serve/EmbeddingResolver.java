package dev.nudge.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.bandit.Arm;
import dev.nudge.bandit.PolicySpec;
import dev.nudge.core.InputException;
import dev.nudge.core.Seeds;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the user and item vectors a decision hands to the policy: the loaded model's embeddings
 * where the model knows the id, and hashed vectors otherwise, so neural policies can decide (and
 * learn) on nudges and users the model has never seen.
 *
 * <p>Hashed vectors use the hashing trick over the policy's width: an item gets 1 at the slot of
 * {@code nudge=<id>} and {@code topic#<key>} plus its hashed features folded in; a user gets the
 * request context and the user's stored features. Both are L2-normalised, the scale of a cosine
 * two-tower output. The decision logs the vectors it used (user vector and the rewarded arm's), and
 * learning and replay read them from the log, so a later model reload or catalogue edit cannot make
 * a replay differ from what was learned live.
 *
 * <p>Thread-safety: safe for concurrent use; the per-nudge cache holds one resolved arm per
 * catalogue arm and is refreshed when the arm (an immutable value published by the catalogue), the
 * model or the shape changes.
 */
public final class EmbeddingResolver {
  private static final long SEED = Seeds.derive(Seeds.DEFAULT_SEED, "embedding-hashing");

  /**
   * The vector widths a policy needs.
   *
   * @param items the item vector width (d1), 0 when the policy needs no item vectors
   * @param users the user vector width (d2), 0 when none
   * @param hashMissing whether ids the model does not know get hashed vectors (neural policies), or
   *     are left without a vector (policies that ignore embeddings)
   */
  public record Shape(int items, int users, boolean hashMissing) {
    /** No vectors: the policy ignores embeddings and no model is loaded. */
    public static final Shape NONE = new Shape(0, 0, false);

    public Shape {
      if (items < 0 || users < 0) {
        throw new IllegalArgumentException(
            "items and users must be >= 0, got " + items + " and " + users);
      }
    }
  }

  private record Cached(Arm arm, EmbeddingModel model, Shape shape, Arm resolved) {}

  private record ShapeKey(ServiceConfig config, EmbeddingModel model, Shape shape) {}

  private final Map<String, Cached> items = new ConcurrentHashMap<>();
  private volatile ShapeKey lastShape;

  /**
   * The widths the configured policy needs with this model. Policies named {@code n-...} or {@code
   * s-n-...} are neural: their widths are the spec's {@code d1}/{@code d2} (d2 defaults to d1), or,
   * for those without (n-greedy, n-dropout-ucb), the model's width, else {@code contextDimensions}.
   * Other policies get the model's vectors when one is loaded and nothing otherwise.
   *
   * @throws ApiProblem 409 when a loaded model's width differs from the policy's d1
   */
  public Shape shape(ServiceConfig config, EmbeddingModel model) {
    ShapeKey last = lastShape;
    if (last != null && last.config == config && last.model == model) {
      return last.shape;
    }
    Shape s = computeShape(config, model);
    lastShape = new ShapeKey(config, model, s);
    return s;
  }

  static Shape computeShape(ServiceConfig config, EmbeddingModel model) {
    PolicySpec spec;
    try {
      spec = PolicySpec.parse(config.policy());
    } catch (InputException e) {
      throw ApiProblem.badField("policy", e.getMessage());
    }
    String name = spec.name();
    boolean neural = name.startsWith("n-") || name.startsWith("s-n-");
    if (!neural) {
      return model.dimensions() > 0
          ? new Shape(model.dimensions(), model.dimensions(), false)
          : Shape.NONE;
    }
    Integer d1 = dimension(spec, config, "d1");
    if (d1 == null) {
      int width = model.dimensions() > 0 ? model.dimensions() : config.contextDimensions();
      return new Shape(width, width, true);
    }
    Integer d2 = dimension(spec, config, "d2");
    int users = d2 == null ? d1 : d2;
    if (model.dimensions() > 0 && model.dimensions() != d1) {
      throw new ApiProblem(
          409,
          "policy",
          "the policy's d1 is "
              + d1
              + " but model "
              + model.version()
              + " has "
              + model.dimensions()
              + "-dimensional vectors; PUT /v1/config with params d1 (and d2) = "
              + model.dimensions());
    }
    return new Shape(d1, users, true);
  }

  private static Integer dimension(PolicySpec spec, ServiceConfig config, String key) {
    Double param = config.params().get(key);
    if (param != null) {
      return (int) Math.round(param);
    }
    String text = spec.params().get(key);
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      throw ApiProblem.badField("policy", key + " must be an integer, got '" + text + "'");
    }
  }

  /**
   * The arm with the vector the policy should see: the model's when it knows the id and has the
   * right width, a hashed one when the shape asks for it, else the arm unchanged.
   *
   * @param cacheable true for catalogue arms (cached per id); false for arms with request-specific
   *     features
   */
  public Arm item(Arm arm, Shape shape, EmbeddingModel model, boolean cacheable) {
    if (shape.items() == 0) {
      return arm;
    }
    if (!cacheable) {
      return resolve(arm, shape, model);
    }
    // Catalogue arms are immutable values: the resolved arm (whose constructor checks every
    // component) is reused until the arm, the model or the shape changes.
    Cached c = items.get(arm.id());
    if (c != null && c.arm == arm && c.model == model && c.shape.equals(shape)) {
      return c.resolved;
    }
    Arm resolved = resolve(arm, shape, model);
    items.put(arm.id(), new Cached(arm, model, shape, resolved));
    return resolved;
  }

  private static Arm resolve(Arm arm, Shape shape, EmbeddingModel model) {
    float[] v = model.item(arm.id());
    if (v == null || v.length != shape.items()) {
      if (!shape.hashMissing()) {
        return arm;
      }
      v = hashItem(arm, shape.items());
    }
    return new Arm(arm.id(), arm.key(), v, arm.features(), arm.topic());
  }

  /** The hashed vector of an item: its id, its topic and its (already hashed) features. */
  static float[] hashItem(Arm arm, int width) {
    double[] v = new double[width];
    v[slot("nudge=" + arm.id(), width)] += 1;
    if (arm.topic() >= 0) {
      v[slot("topic#" + arm.topic(), width)] += 1;
    }
    double[] f = arm.features();
    for (int i = 0; i < f.length; i++) {
      if (f[i] != 0) {
        v[slot("feature#" + i, width)] += f[i];
      }
    }
    return normalised(v);
  }

  /**
   * The user's vector: the model's when it knows the user and has the right width, else (for neural
   * policies) the hashed request context and stored user features, else none.
   */
  public float[] user(
      String userId,
      JsonNode context,
      Map<String, Double> userFeatures,
      Shape shape,
      EmbeddingModel model) {
    if (shape.users() == 0) {
      return null;
    }
    float[] z = model.user(userId);
    if (z != null && z.length == shape.users()) {
      return z;
    }
    if (!shape.hashMissing()) {
      return null;
    }
    return normalised(new FeatureHasher(shape.users()).hash(context, userFeatures));
  }

  private static int slot(String name, int width) {
    return (int) Long.remainderUnsigned(Seeds.derive(SEED, name), width);
  }

  private static float[] normalised(double[] v) {
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    float[] out = new float[v.length];
    if (norm > 0) {
      for (int i = 0; i < v.length; i++) {
        out[i] = (float) (v[i] / norm);
      }
    }
    return out;
  }
}
