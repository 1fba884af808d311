package dev.nudge.bandit.twostage;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.core.Seeds;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The two-stage topic → item framework, the paper's Algorithm 1, around any topic policy α1 and any
 * item policy α2.
 *
 * <ol>
 *   <li>Topic arms are built from the topics present among the candidates ({@link
 *       TopicAssignment}), each with an embedding from {@link TopicEmbeddings}; α1 ranks all q of
 *       them.
 *   <li>{@link DynaTopicRec} forms min(m, q) disjoint groups from the ranking and the minimum group
 *       size p.
 *   <li>Slot j takes the best item of group j (mod the number of groups, when there are fewer
 *       topics than slots) by α2, among the items not already chosen; a group that has run out
 *       lends its slot the items of all groups, then all candidates.
 * </ol>
 *
 * <p>Budget: the q topic scores count against B; the remaining max(m, B − q) item scores are split
 * across the slots by water-filling (a slot whose group is smaller than its share passes the rest
 * on), and a slot with fewer scores than items scores a uniformly random subset of its group.
 *
 * <p>Probabilities: when α1 is deterministic (every slot probability 1, not estimated), the groups
 * are fixed, so a slot whose group was scored in full has exactly α2's probability (exact when α2's
 * is). Otherwise the slot's probability is estimated by replaying the whole decision {@code
 * probabilitySamples} times with generators derived from the decision's: the share of replays that
 * agree with the slots before and put the same item in this slot (floored at 1/(2R)). With {@code
 * probabilitySamples} 0 nothing is replayed: a caller that needs no slot probabilities (a
 * simulation) saves R plans per decision, and such slots report α2's probability within the slot's
 * scored items, which is not the slot's probability (the slate is flagged estimated). The choices
 * do not depend on R: replays draw from a generator split off after the decision's own plan.
 *
 * <p>Learning updates both stages with the same reward: α2 sees the feedback as is, α1 sees it for
 * the topic arm of the item shown.
 */
public final class TwoStagePolicy implements Policy {
  /** Replays used to estimate probabilities that are not exact. */
  public static final int DEFAULT_PROBABILITY_SAMPLES = 32;

  private final Policy topicPolicy;
  private final Policy itemPolicy;
  private final TopicAssignment topics;
  private final TopicEmbeddings embeddings;
  private final int minGroupSize;
  private final int probabilitySamples;

  /**
   * @param topicPolicy α1, which ranks the topic arms
   * @param itemPolicy α2, which picks an item within each group
   * @param topics the topic of each item
   * @param embeddings the topic arms' (and the topic stage's user) embeddings
   * @param minGroupSize p of DynaTopicRec, &gt;= 0
   * @param probabilitySamples replays for estimated probabilities, &gt;= 1; 0 replays nothing, for
   *     callers that use the choices only (slot probabilities that are not exact are then α2's
   *     within the slot's scored items)
   */
  public TwoStagePolicy(
      Policy topicPolicy,
      Policy itemPolicy,
      TopicAssignment topics,
      TopicEmbeddings embeddings,
      int minGroupSize,
      int probabilitySamples) {
    this.topicPolicy = Objects.requireNonNull(topicPolicy, "topicPolicy");
    this.itemPolicy = Objects.requireNonNull(itemPolicy, "itemPolicy");
    this.topics = Objects.requireNonNull(topics, "topics");
    this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
    if (minGroupSize < 0) {
      throw new IllegalArgumentException("minGroupSize must be >= 0, got " + minGroupSize);
    }
    if (probabilitySamples < 0) {
      throw new IllegalArgumentException(
          "probabilitySamples must be >= 0 (0 = no replays), got " + probabilitySamples);
    }
    this.minGroupSize = minGroupSize;
    this.probabilitySamples = probabilitySamples;
  }

  /** Topics from the data, mean-of-members topic embeddings, default replay count. */
  public static TwoStagePolicy of(Policy topicPolicy, Policy itemPolicy, int minGroupSize) {
    return new TwoStagePolicy(
        topicPolicy,
        itemPolicy,
        TopicAssignment.fromArms(),
        TopicEmbeddings.mean(),
        minGroupSize,
        DEFAULT_PROBABILITY_SAMPLES);
  }

  @Override
  public String name() {
    return "two-stage(topic="
        + topicPolicy.name()
        + ", item="
        + itemPolicy.name()
        + ", p="
        + minGroupSize
        + ", samples="
        + probabilitySamples
        + ")";
  }

  @Override
  public Slate decide(DecisionContext context) {
    RandomGenerator random = context.random();
    Plan plan = plan(context, random);
    int m = context.slateSize();
    double[] probability = plan.stageProbability.clone();
    boolean estimated = false;
    for (boolean exact : plan.exact) {
      estimated |= !exact;
    }
    if (estimated && probabilitySamples > 0) {
      RandomGenerator replay = Seeds.random(random.nextLong());
      int[][] replays = new int[probabilitySamples][];
      for (int r = 0; r < probabilitySamples; r++) {
        replays[r] = plan(context, Seeds.random(replay.nextLong())).chosen;
      }
      for (int j = 0; j < m; j++) {
        if (!plan.exact[j]) {
          probability[j] = replayShare(plan.chosen, replays, j);
        }
      }
    }
    List<Slate.Entry> entries = new ArrayList<>(m);
    for (int j = 0; j < m; j++) {
      int index = plan.chosen[j];
      entries.add(
          new Slate.Entry(
              context.candidates().get(index),
              index,
              plan.score[j],
              probability[j],
              plan.explored[j]));
    }
    return new Slate(entries, name(), estimated);
  }

  /**
   * Among replays that agree on slots before j (all replays if none do), the share that agree on j.
   */
  private double replayShare(int[] chosen, int[][] replays, int j) {
    int agreeBefore = 0;
    int agreeHere = 0;
    int marginal = 0;
    for (int[] replay : replays) {
      boolean same = true;
      for (int k = 0; k < j && same; k++) {
        same = replay[k] == chosen[k];
      }
      if (replay[j] == chosen[j]) {
        marginal++;
      }
      if (same) {
        agreeBefore++;
        if (replay[j] == chosen[j]) {
          agreeHere++;
        }
      }
    }
    double share =
        agreeBefore > 0 ? (double) agreeHere / agreeBefore : (double) marginal / replays.length;
    return Math.max(share, 0.5 / replays.length);
  }

  /** One run of Algorithm 1 with the given randomness. */
  private Plan plan(DecisionContext context, RandomGenerator random) {
    List<Arm> candidates = context.candidates();
    int n = candidates.size();
    int m = context.slateSize();
    TopicIndex index = TopicIndex.of(candidates, topics);
    int q = index.topicIds.length;

    // Stage one: rank all q topics.
    DecisionContext topicContext =
        new DecisionContext(
            context.eventId(),
            context.userKey(),
            embeddings.userEmbedding(context),
            context.features(),
            index.topicArms(embeddings),
            q,
            DecisionContext.UNLIMITED,
            Seeds.random(random.nextLong()));
    Slate ranking = topicPolicy.decide(topicContext);
    boolean topicsFixed = !ranking.probabilitiesEstimated();
    int[] sizes = new int[q];
    int[] rankedTopic = new int[q];
    boolean[] topicExplored = new boolean[q];
    for (int r = 0; r < q; r++) {
      Slate.Entry e = ranking.get(r);
      topicsFixed &= e.probability() == 1.0;
      rankedTopic[r] = e.candidateIndex();
      topicExplored[r] = e.explored();
      sizes[r] = index.members[e.candidateIndex()].length;
    }
    List<int[]> groups = DynaTopicRec.groups(m, sizes, minGroupSize);
    int g = groups.size();
    int[][] groupItems = new int[g][];
    boolean[] groupExplored = new boolean[g];
    for (int i = 0; i < g; i++) {
      int total = 0;
      for (int r : groups.get(i)) {
        total += sizes[r];
        groupExplored[i] |= topicExplored[r];
      }
      int[] items = new int[total];
      int at = 0;
      for (int r : groups.get(i)) {
        int[] members = index.members[rankedTopic[r]];
        System.arraycopy(members, 0, items, at, members.length);
        at += members.length;
      }
      groupItems[i] = items;
    }

    // Stage two: one item per slot within its group, under the item budget.
    int[] allot = allot(context, q, groupItems);
    boolean[] chosenMask = new boolean[n];
    Plan plan = new Plan(m);
    for (int j = 0; j < m; j++) {
      int[] pool = remaining(groupItems[j % g], chosenMask);
      if (pool.length == 0) {
        pool = remaining(concat(groupItems), chosenMask);
      }
      if (pool.length == 0) {
        pool = remaining(identity(n), chosenMask);
      }
      boolean subsampled = pool.length > allot[j];
      int[] scored = subsampled ? subset(pool, allot[j], random) : pool;
      List<Arm> arms = new ArrayList<>(scored.length);
      for (int i : scored) {
        arms.add(candidates.get(i));
      }
      DecisionContext itemContext =
          new DecisionContext(
              context.eventId(),
              context.userKey(),
              context.userEmbedding(),
              context.features(),
              arms,
              1,
              DecisionContext.UNLIMITED,
              Seeds.random(random.nextLong()));
      Slate pick = itemPolicy.decide(itemContext);
      Slate.Entry e = pick.get(0);
      int chosen = scored[e.candidateIndex()];
      chosenMask[chosen] = true;
      plan.chosen[j] = chosen;
      plan.score[j] = e.score();
      plan.stageProbability[j] = e.probability();
      plan.explored[j] = e.explored() || groupExplored[j % g];
      plan.exact[j] = topicsFixed && !subsampled && !pick.probabilitiesEstimated();
    }
    return plan;
  }

  /**
   * Item scores per slot: all of a slot's pool without a budget; otherwise max(m, B − q) split by
   * water-filling over the slots' pool sizes, the remainder going to the earliest slots.
   */
  private static int[] allot(DecisionContext context, int q, int[][] groupItems) {
    int m = context.slateSize();
    int g = groupItems.length;
    int[] need = new int[m];
    for (int j = 0; j < m; j++) {
      // Slots that share a group (fewer topics than slots) share its items.
      int sharing = (m - 1 - (j % g)) / g + 1;
      need[j] = Math.max(1, (groupItems[j % g].length + sharing - 1) / sharing);
    }
    if (context.budget() == DecisionContext.UNLIMITED) {
      int[] all = new int[m];
      Arrays.fill(all, Integer.MAX_VALUE);
      return all;
    }
    long left = Math.max((long) m, (long) context.budget() - q);
    int[] allot = new int[m];
    boolean[] settled = new boolean[m];
    int open = m;
    boolean progress = true;
    while (open > 0 && progress) {
      progress = false;
      long share = left / open;
      for (int j = 0; j < m; j++) {
        if (!settled[j] && need[j] <= share) {
          allot[j] = need[j];
          left -= need[j];
          settled[j] = true;
          open--;
          progress = true;
        }
      }
    }
    if (open > 0) {
      long share = left / open;
      long extra = left % open;
      for (int j = 0; j < m; j++) {
        if (!settled[j]) {
          allot[j] = (int) Math.max(1, share + (extra-- > 0 ? 1 : 0));
        }
      }
    }
    return allot;
  }

  private static int[] remaining(int[] items, boolean[] chosen) {
    int count = 0;
    for (int i : items) {
      if (!chosen[i]) {
        count++;
      }
    }
    int[] out = new int[count];
    int at = 0;
    for (int i : items) {
      if (!chosen[i]) {
        out[at++] = i;
      }
    }
    return out;
  }

  private static int[] concat(int[][] parts) {
    return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
  }

  private static int[] identity(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  /** A uniform random subset of {@code size} items of {@code pool}, in pool order. */
  private static int[] subset(int[] pool, int size, RandomGenerator random) {
    // A partial Fisher–Yates shuffle of positions, then back to pool order.
    int[] positions = identity(pool.length);
    for (int k = 0; k < size; k++) {
      int j = k + random.nextInt(pool.length - k);
      int t = positions[j];
      positions[j] = positions[k];
      positions[k] = t;
    }
    int[] picked = Arrays.copyOf(positions, size);
    Arrays.sort(picked);
    for (int k = 0; k < size; k++) {
      picked[k] = pool[picked[k]];
    }
    return picked;
  }

  @Override
  public void learn(Feedback feedback) {
    DecisionContext context = feedback.context();
    TopicIndex index = TopicIndex.of(context.candidates(), topics);
    int topic = topics.topicOf(feedback.arm());
    List<Arm> topicArms = index.topicArms(embeddings);
    Arm topicArm = null;
    for (Arm arm : topicArms) {
      if (arm.key() == topic) {
        topicArm = arm;
      }
    }
    if (topicArm == null) {
      throw new IllegalArgumentException(
          "arm '" + feedback.arm().id() + "' (topic " + topic + ") is not among the candidates");
    }
    DecisionContext topicContext =
        new DecisionContext(
            context.eventId(),
            context.userKey(),
            embeddings.userEmbedding(context),
            context.features(),
            topicArms,
            1,
            DecisionContext.UNLIMITED,
            Seeds.forEvent(context.eventId()));
    topicPolicy.learn(new Feedback(topicContext, topicArm, feedback.position(), feedback.reward()));
    itemPolicy.learn(feedback);
  }

  /** α1. */
  public Policy topicPolicy() {
    return topicPolicy;
  }

  /** α2. */
  public Policy itemPolicy() {
    return itemPolicy;
  }

  @Override
  public Policy copy() {
    return new TwoStagePolicy(
        topicPolicy.copy(),
        itemPolicy.copy(),
        topics,
        embeddings,
        minGroupSize,
        probabilitySamples);
  }

  @Override
  public void writeState(DataOutputStream out) throws IOException {
    out.writeUTF("two-stage/1");
    topicPolicy.writeState(out);
    itemPolicy.writeState(out);
  }

  @Override
  public void readState(DataInputStream in) throws IOException {
    String tag = in.readUTF();
    if (!tag.equals("two-stage/1")) {
      throw new IOException("not a two-stage state: '" + tag + "'");
    }
    topicPolicy.readState(in);
    itemPolicy.readState(in);
  }

  /** One decision's result per slot. */
  private static final class Plan {
    final int[] chosen;
    final double[] score;
    final double[] stageProbability;
    final boolean[] explored;
    final boolean[] exact;

    Plan(int m) {
      chosen = new int[m];
      score = new double[m];
      stageProbability = new double[m];
      explored = new boolean[m];
      exact = new boolean[m];
    }
  }

  /** The topics present among the candidates, in order of first appearance, and their members. */
  private record TopicIndex(int[] topicIds, int[][] members, List<List<Arm>> memberArms) {
    static TopicIndex of(List<Arm> candidates, TopicAssignment topics) {
      Map<Integer, List<Integer>> byTopic = new LinkedHashMap<>();
      for (int i = 0; i < candidates.size(); i++) {
        Arm arm = candidates.get(i);
        int t = topics.topicOf(arm);
        if (t < 0) {
          throw new IllegalArgumentException(
              "arm '" + arm.id() + "' was assigned topic " + t + "; topics must be >= 0");
        }
        byTopic.computeIfAbsent(t, key -> new ArrayList<>()).add(i);
      }
      int q = byTopic.size();
      int[] ids = new int[q];
      int[][] members = new int[q][];
      List<List<Arm>> arms = new ArrayList<>(q);
      int at = 0;
      for (Map.Entry<Integer, List<Integer>> e : byTopic.entrySet()) {
        ids[at] = e.getKey();
        members[at] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
        List<Arm> list = new ArrayList<>(members[at].length);
        for (int i : members[at]) {
          list.add(candidates.get(i));
        }
        arms.add(list);
        at++;
      }
      return new TopicIndex(ids, members, arms);
    }

    List<Arm> topicArms(TopicEmbeddings embeddings) {
      List<Arm> arms = new ArrayList<>(topicIds.length);
      for (int i = 0; i < topicIds.length; i++) {
        int t = topicIds[i];
        arms.add(new Arm("topic:" + t, t, embeddings.embedding(t, memberArms.get(i)), null, t));
      }
      return arms;
    }
  }
}
