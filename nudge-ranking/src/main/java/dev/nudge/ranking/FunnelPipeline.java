package dev.nudge.ranking;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.Slate;
import dev.nudge.candidates.Candidate;
import dev.nudge.candidates.CandidateMerger;
import dev.nudge.candidates.CandidateQuery;
import dev.nudge.candidates.CandidateSource;
import dev.nudge.data.Catalogue;
import dev.nudge.ranking.rerank.EligibilityRule;
import dev.nudge.ranking.rerank.ExplorationSlots;
import dev.nudge.ranking.rerank.ImpressionLedger;
import dev.nudge.ranking.rerank.MmrSelector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The funnel: retrieve (every source, merged under quotas) → filter (eligibility, frequency caps,
 * cool-downs) → rank (ranker + value model + exploration bonus for cold items) → explore (a bandit
 * policy fills reserved slots from just below the cut) → re-rank (MMR diversity under an exposure
 * cap) → slate. Every candidate ends up either on the slate or in the dropped list with the stage
 * and reason. Thread-safe when its parts are (all shipped parts are; the ledger is concurrent).
 */
public final class FunnelPipeline {
  private final List<CandidateSource> sources;
  private final CandidateMerger merger;
  private final Ranker ranker;
  private final ValueModel valueModel;
  private final List<EligibilityRule> rules;
  private final ImpressionLedger ledger;
  private final ExplorationSlots exploration;
  private final MmrSelector mmr;
  private final UserDirectory users;
  private final Catalogue catalogue;
  private final int[] itemInteractions;
  private final float[][] itemEmbeddings;
  private final FunnelConfig config;

  private FunnelPipeline(Builder b) {
    this.sources = List.copyOf(b.sources);
    this.merger = Objects.requireNonNull(b.merger, "merger");
    this.ranker = Objects.requireNonNull(b.ranker, "ranker");
    this.valueModel = Objects.requireNonNull(b.valueModel, "valueModel");
    this.rules = List.copyOf(b.rules);
    this.ledger = b.ledger;
    this.exploration = b.exploration;
    this.mmr = Objects.requireNonNull(b.mmr, "mmr");
    this.users = Objects.requireNonNull(b.users, "users");
    this.catalogue = Objects.requireNonNull(b.catalogue, "catalogue");
    this.itemInteractions = Objects.requireNonNull(b.itemInteractions, "itemInteractions").clone();
    this.itemEmbeddings = b.itemEmbeddings;
    this.config = Objects.requireNonNull(b.config, "config");
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("the funnel needs at least one candidate source");
    }
    if (itemInteractions.length != catalogue.size()) {
      throw new IllegalArgumentException(
          "itemInteractions has "
              + itemInteractions.length
              + " entries for "
              + catalogue.size()
              + " items");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public FunnelConfig config() {
    return config;
  }

  /** The same funnel with another ranker (same sources, rules, ledger and exploration). */
  public FunnelPipeline withRanker(Ranker other) {
    Builder b = new Builder();
    b.sources.addAll(sources);
    b.rules.addAll(rules);
    b.merger = merger;
    b.ranker = Objects.requireNonNull(other, "ranker");
    b.valueModel = valueModel;
    b.ledger = ledger;
    b.exploration = exploration;
    b.mmr = mmr;
    b.users = users;
    b.catalogue = catalogue;
    b.itemInteractions = itemInteractions;
    b.itemEmbeddings = itemEmbeddings;
    b.config = config;
    return new FunnelPipeline(b);
  }

  /** Runs the whole funnel for one request. */
  public FunnelResult recommend(FunnelRequest request) {
    return run(request, users.query(request));
  }

  /**
   * Runs the whole funnel for someone outside the training data whose user-tower embedding the
   * caller computed from raw values (a two-tower model's cold path): the ANN source retrieves with
   * it beside segment popularity; an empty embedding is the same as {@link
   * #recommend(FunnelRequest)}.
   *
   * @throws IllegalArgumentException when the request is for a known user (their embedding comes
   *     from the directory) or the embedding's width differs from the item vectors'
   */
  public FunnelResult recommendNewUser(FunnelRequest request, float[] embedding) {
    if (request.user() != -1) {
      throw new IllegalArgumentException(
          "recommendNewUser needs user -1 (a new user), got " + request.user());
    }
    if (embedding.length != 0
        && itemEmbeddings != null
        && embedding.length != itemEmbeddings[0].length) {
      throw new IllegalArgumentException(
          "embedding has "
              + embedding.length
              + " dimensions, the item vectors "
              + itemEmbeddings[0].length);
    }
    return run(request, new CandidateQuery(-1, null, request.segment(), embedding));
  }

  private FunnelResult run(FunnelRequest request, CandidateQuery query) {
    Map<String, Long> nanos = new LinkedHashMap<>();
    List<FunnelResult.DroppedItem> dropped = new ArrayList<>();
    long t0 = System.nanoTime();

    // 1. Retrieve and merge.
    Map<String, List<Candidate>> lists = new LinkedHashMap<>();
    for (CandidateSource s : sources) {
      lists.put(s.name(), s.retrieve(query, config.perSourceLimit()));
    }
    CandidateMerger.Merge merge = merger.merge(lists, config.candidates());
    Set<Integer> mergedItems = new HashSet<>();
    merge.candidates().forEach(c -> mergedItems.add(c.item()));
    for (Candidate d : merge.duplicates()) {
      if (mergedItems.contains(d.item())) {
        dropped.add(
            new FunnelResult.DroppedItem(
                d.item(), d.source(), "retrieve", "duplicate: kept once from another source"));
      }
    }
    Set<Integer> reported = new HashSet<>(mergedItems);
    for (List<Candidate> list : lists.values()) {
      for (Candidate c : list) {
        if (reported.add(c.item())) {
          dropped.add(
              new FunnelResult.DroppedItem(
                  c.item(), c.source(), "retrieve", "over the merger's candidate limit"));
        }
      }
    }

    // 2. Eligibility, frequency caps and cool-downs.
    List<Candidate> eligible = new ArrayList<>();
    for (Candidate c : merge.candidates()) {
      Optional<String> why = rejection(request.user(), c.item());
      if (why.isPresent()) {
        dropped.add(new FunnelResult.DroppedItem(c.item(), c.source(), "eligibility", why.get()));
      } else {
        eligible.add(c);
      }
    }
    long t1 = System.nanoTime();
    nanos.put("retrieve", t1 - t0);
    if (eligible.isEmpty()) {
      nanos.put("rank", 0L);
      nanos.put("explore", 0L);
      nanos.put("rerank", 0L);
      return new FunnelResult(List.of(), dropped, nanos);
    }

    // 3. Rank: task scores, value, exploration bonus for cold items.
    int n = eligible.size();
    int[] items = new int[n];
    for (int k = 0; k < n; k++) {
      items[k] = eligible.get(k).item();
    }
    double[][] scores = ranker.score(query.user(), items);
    List<String> tasks = ranker.tasks();
    double[] value = new double[n];
    double[] bonus = new double[n];
    double[] total = new double[n];
    for (int k = 0; k < n; k++) {
      value[k] = valueModel.value(tasks, scores[k]);
      bonus[k] = itemInteractions[items[k]] < config.coldBelow() ? config.coldBonus() : 0;
      total[k] = value[k] + bonus[k];
    }
    Integer[] order = new Integer[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    java.util.Arrays.sort(
        order,
        (a, b) -> {
          int c = Double.compare(total[b], total[a]);
          return c != 0 ? c : Integer.compare(items[a], items[b]);
        });
    long t2 = System.nanoTime();
    nanos.put("rank", t2 - t1);

    // 4. Explore: the policy picks from the candidates just below the exploitation cut.
    int slate = Math.min(request.slateSize(), n);
    int slots = exploration == null ? 0 : Math.min(exploration.slots(), slate);
    Map<Integer, Double> explored = new LinkedHashMap<>();
    if (slots > 0) {
      int cut = slate - slots;
      List<Arm> arms = new ArrayList<>();
      for (int r = cut; r < Math.min(n, cut + exploration.pool()); r++) {
        int item = items[order[r]];
        arms.add(
            new Arm(
                catalogue.ids().id(item),
                item,
                itemEmbeddings == null ? null : itemEmbeddings[item],
                null,
                catalogue.primaryTopic(item)));
      }
      Slate picked = exploration.choose(request.eventId(), query.user(), query.embedding(), arms);
      for (Slate.Entry e : picked.entries()) {
        explored.put(e.arm().key(), e.score());
      }
    }
    long t3 = System.nanoTime();
    nanos.put("explore", t3 - t2);

    // 5. Re-rank the rest with MMR under the exposure cap; explored items take the last slots.
    List<Integer> restIdx = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      if (!explored.containsKey(items[order[k]])) {
        restIdx.add(order[k]);
      }
    }
    int[] restItems = restIdx.stream().mapToInt(k -> items[k]).toArray();
    double[] restTotal = restIdx.stream().mapToDouble(k -> total[k]).toArray();
    int[] placed = explored.keySet().stream().mapToInt(Integer::intValue).toArray();
    MmrSelector.Selection sel =
        mmr.select(restItems, restTotal, slate - explored.size(), placed, slate);
    List<FunnelResult.SlateEntry> out = new ArrayList<>();
    Map<Integer, Integer> indexOf = new LinkedHashMap<>();
    for (int k = 0; k < n; k++) {
      indexOf.put(items[k], k);
    }
    for (int s = 0; s < sel.chosen().length; s++) {
      int k = restIdx.get(sel.chosen()[s]);
      out.add(
          entry(
              out.size(),
              eligible.get(k),
              tasks,
              scores[k],
              value[k],
              bonus[k],
              sel.chosenScores()[s],
              false));
    }
    for (Map.Entry<Integer, Double> e : explored.entrySet()) {
      int k = indexOf.get(e.getKey());
      out.add(
          entry(
              out.size(),
              eligible.get(k),
              tasks,
              scores[k],
              value[k],
              bonus[k],
              e.getValue(),
              true));
    }
    for (Map.Entry<Integer, String> p : sel.passedOver().entrySet()) {
      Candidate c = eligible.get(restIdx.get(p.getKey()));
      dropped.add(new FunnelResult.DroppedItem(c.item(), c.source(), "rerank", p.getValue()));
    }
    if (ledger != null && query.user() >= 0) {
      for (FunnelResult.SlateEntry e : out) {
        ledger.record(query.user(), e.item());
      }
    }
    nanos.put("rerank", System.nanoTime() - t3);
    return new FunnelResult(out, dropped, nanos);
  }

  private Optional<String> rejection(int user, int item) {
    for (EligibilityRule rule : rules) {
      Optional<String> why = rule.reject(user, item);
      if (why.isPresent()) {
        return why;
      }
    }
    return ledger == null || user < 0 ? Optional.empty() : ledger.blocked(user, item);
  }

  private FunnelResult.SlateEntry entry(
      int position,
      Candidate c,
      List<String> tasks,
      double[] taskScores,
      double value,
      double bonus,
      double rerankScore,
      boolean explored) {
    Map<String, Double> perTask = new LinkedHashMap<>();
    for (int t = 0; t < tasks.size(); t++) {
      perTask.put(tasks.get(t), taskScores[t]);
    }
    return new FunnelResult.SlateEntry(
        position,
        c.item(),
        catalogue.ids().id(c.item()),
        c.source(),
        c.score(),
        perTask,
        value,
        bonus,
        rerankScore,
        explored);
  }

  /** Assembles a pipeline; every part except the ledger, exploration and embeddings is required. */
  public static final class Builder {
    private final List<CandidateSource> sources = new ArrayList<>();
    private final List<EligibilityRule> rules = new ArrayList<>();
    private CandidateMerger merger;
    private Ranker ranker;
    private ValueModel valueModel;
    private ImpressionLedger ledger;
    private ExplorationSlots exploration;
    private MmrSelector mmr;
    private UserDirectory users;
    private Catalogue catalogue;
    private int[] itemInteractions;
    private float[][] itemEmbeddings;
    private FunnelConfig config = FunnelConfig.defaults();

    private Builder() {}

    public Builder source(CandidateSource s) {
      sources.add(Objects.requireNonNull(s, "source"));
      return this;
    }

    public Builder merger(CandidateMerger m) {
      merger = m;
      return this;
    }

    public Builder ranker(Ranker r, ValueModel v) {
      ranker = r;
      valueModel = v;
      return this;
    }

    public Builder rule(EligibilityRule r) {
      rules.add(Objects.requireNonNull(r, "rule"));
      return this;
    }

    public Builder ledger(ImpressionLedger l) {
      ledger = l;
      return this;
    }

    public Builder exploration(ExplorationSlots e) {
      exploration = e;
      return this;
    }

    public Builder mmr(MmrSelector m) {
      mmr = m;
      return this;
    }

    /** The users, the catalogue and each item's training interaction count (cold detection). */
    public Builder world(UserDirectory u, Catalogue c, int[] interactionsPerItem) {
      users = u;
      catalogue = c;
      itemInteractions = interactionsPerItem;
      return this;
    }

    public Builder itemEmbeddings(float[][] e) {
      itemEmbeddings = e;
      return this;
    }

    public Builder config(FunnelConfig c) {
      config = c;
      return this;
    }

    public FunnelPipeline build() {
      return new FunnelPipeline(this);
    }
  }
}
