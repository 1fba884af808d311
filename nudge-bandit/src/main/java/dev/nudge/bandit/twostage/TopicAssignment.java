package dev.nudge.bandit.twostage;

import dev.nudge.bandit.Arm;

/**
 * Which topic an item belongs to: from the data ({@link #fromArms()}) or from clustering ({@link
 * KMeansTopics}).
 */
@FunctionalInterface
public interface TopicAssignment {

  /** The item's topic key, &gt;= 0. */
  int topicOf(Arm arm);

  /** The topic the data gave each arm ({@link Arm#topic()}); arms without one are an error. */
  static TopicAssignment fromArms() {
    return arm -> {
      if (arm.topic() < 0) {
        throw new IllegalArgumentException(
            "arm '"
                + arm.id()
                + "' has no topic (topic = "
                + arm.topic()
                + "); cluster the item embeddings with KMeansTopics to assign topics");
      }
      return arm.topic();
    };
  }
}
