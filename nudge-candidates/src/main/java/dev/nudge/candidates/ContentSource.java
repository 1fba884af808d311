package dev.nudge.candidates;

import dev.nudge.data.Catalogue;
import dev.nudge.data.FeatureTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Content-based retrieval: scores items by the cosine between the user's profile (the TF-IDF
 * weighted topics and title tokens of their history) and each item's own TF-IDF vector. Needs no
 * interactions on the item side, which is the point: new ("cold") items enter the funnel here. With
 * {@code coldOnly}, only items with fewer than {@code coldBelow} interactions are served, so this
 * source adds what collaborative sources cannot see instead of repeating them.
 */
public final class ContentSource implements CandidateSource {
  private final int items;
  private final int[][] terms;
  private final float[][] weights;
  private final int[][] postings;
  private final boolean[] eligible;

  private ContentSource(int[][] terms, float[][] weights, int vocabulary, boolean[] eligible) {
    this.items = terms.length;
    this.terms = terms;
    this.weights = weights;
    this.eligible = eligible;
    int[] df = new int[vocabulary];
    for (int[] t : terms) {
      for (int term : t) {
        df[term]++;
      }
    }
    postings = new int[vocabulary][];
    for (int t = 0; t < vocabulary; t++) {
      postings[t] = new int[df[t]];
    }
    int[] fill = new int[vocabulary];
    for (int i = 0; i < items; i++) {
      for (int term : terms[i]) {
        postings[term][fill[term]++] = i;
      }
    }
  }

  /**
   * Builds item vectors from the catalogue's topics and the words of its display text.
   *
   * @param catalogue the items
   * @param interactionsPerItem each item's interaction count (for the cold filter)
   * @param coldBelow items with fewer interactions than this are cold
   * @param coldOnly serve cold items only
   */
  public static ContentSource of(
      Catalogue catalogue, int[] interactionsPerItem, int coldBelow, boolean coldOnly) {
    int n = catalogue.size();
    if (interactionsPerItem.length != n) {
      throw new IllegalArgumentException(
          "interactionsPerItem has " + interactionsPerItem.length + " entries for " + n + " items");
    }
    FeatureTable.MultiCategoricalColumn topics = catalogue.topics();
    Map<String, Integer> vocab = new TreeMap<>();
    int topicCount = catalogue.topicCount();
    List<int[]> raw = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<Integer> t = new ArrayList<>();
      for (int topic : topics.codes(i)) {
        t.add(topic);
      }
      String text = catalogue.text(i);
      if (text != null) {
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
          if (word.length() > 2 && !word.chars().allMatch(Character::isDigit)) {
            t.add(topicCount + vocab.computeIfAbsent(word, w -> vocab.size()));
          }
        }
      }
      raw.add(t.stream().mapToInt(Integer::intValue).distinct().toArray());
    }
    int vocabulary = topicCount + vocab.size();
    int[] df = new int[vocabulary];
    for (int[] t : raw) {
      for (int term : t) {
        df[term]++;
      }
    }
    int[][] terms = new int[n][];
    float[][] weights = new float[n][];
    boolean[] eligible = new boolean[n];
    for (int i = 0; i < n; i++) {
      terms[i] = raw.get(i);
      weights[i] = new float[terms[i].length];
      double norm = 0;
      for (int k = 0; k < terms[i].length; k++) {
        double idf = Math.log((1.0 + n) / (1.0 + df[terms[i][k]])) + 1;
        weights[i][k] = (float) idf;
        norm += idf * idf;
      }
      for (int k = 0; k < terms[i].length; k++) {
        weights[i][k] /= (float) Math.sqrt(norm);
      }
      eligible[i] = !coldOnly || interactionsPerItem[i] < coldBelow;
    }
    return new ContentSource(terms, weights, vocabulary, eligible);
  }

  @Override
  public String name() {
    return "content";
  }

  @Override
  public List<Candidate> retrieve(CandidateQuery query, int limit) {
    if (query.history().length == 0 || limit <= 0) {
      return List.of();
    }
    // The profile: the sum of the history items' unit vectors (so each item counts equally), in a
    // dense array over the vocabulary (heavy users have thousands of term occurrences).
    double[] profile = new double[postings.length];
    int[] touched = new int[postings.length];
    boolean[] isTouched = new boolean[postings.length];
    int nTouched = 0;
    for (int h : query.history()) {
      if (h >= items) {
        continue;
      }
      for (int k = 0; k < terms[h].length; k++) {
        int term = terms[h][k];
        if (!isTouched[term]) {
          isTouched[term] = true;
          touched[nTouched++] = term;
        }
        profile[term] += weights[h][k];
      }
    }
    // Ascending term order, so every item's score sums its terms in one fixed order.
    Arrays.sort(touched, 0, nTouched);
    double sumSq = 0;
    for (int t = 0; t < nTouched; t++) {
      sumSq += profile[touched[t]] * profile[touched[t]];
    }
    double norm = Math.sqrt(sumSq);
    if (norm == 0) {
      return List.of();
    }
    boolean[] seen = query.seenMask(items);
    double[] score = new double[items];
    for (int t = 0; t < nTouched; t++) {
      int term = touched[t];
      double w = profile[term];
      for (int item : postings[term]) {
        if (eligible[item] && !seen[item]) {
          for (int k = 0; k < terms[item].length; k++) {
            if (terms[item][k] == term) {
              score[item] += w / norm * weights[item][k];
            }
          }
        }
      }
    }
    RankedList chart = RankedList.of(score, limit);
    return chart.take(name(), query, limit, items);
  }
}
