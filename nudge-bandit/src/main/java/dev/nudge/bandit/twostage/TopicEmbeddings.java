package dev.nudge.bandit.twostage;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import java.util.List;

/**
 * The embeddings of the topic stage: a vector per topic arm and the user vector the topic policy
 * sees. The paper uses a topic tower and a topic-side user tower; by default a topic is the mean of
 * its member items' embeddings and the user keeps the item-side embedding, which needs no extra
 * model and keeps topics in the item embedding space.
 */
public interface TopicEmbeddings {

  /**
   * The embedding of {@code topic}, whose candidates this decision are {@code members} (non-empty).
   */
  float[] embedding(int topic, List<Arm> members);

  /** The user embedding the topic policy scores with. */
  default float[] userEmbedding(DecisionContext context) {
    return context.userEmbedding();
  }

  /** The mean of the member items' embeddings (length 0 when the items have none). */
  static TopicEmbeddings mean() {
    return (topic, members) -> {
      int d = members.get(0).embedding().length;
      float[] sum = new float[d];
      for (Arm arm : members) {
        float[] x = arm.embedding();
        if (x.length != d) {
          throw new IllegalArgumentException(
              "topic "
                  + topic
                  + ": arm '"
                  + arm.id()
                  + "' has an embedding of length "
                  + x.length
                  + ", other members have "
                  + d);
        }
        for (int i = 0; i < d; i++) {
          sum[i] += x[i];
        }
      }
      for (int i = 0; i < d; i++) {
        sum[i] /= members.size();
      }
      return sum;
    };
  }
}
