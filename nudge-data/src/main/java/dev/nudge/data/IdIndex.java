package dev.nudge.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dense, insertion-ordered mapping between external string ids and keys 0..size-1. Mutable while
 * a loader builds it; {@link #freeze()} returns an immutable copy to share.
 */
public final class IdIndex {
  private final Map<String, Integer> keys;
  private final List<String> ids;
  private final boolean frozen;

  private IdIndex(Map<String, Integer> keys, List<String> ids, boolean frozen) {
    this.keys = keys;
    this.ids = ids;
    this.frozen = frozen;
  }

  /** An empty, mutable index. */
  public IdIndex() {
    this(new HashMap<>(), new ArrayList<>(), false);
  }

  /** An immutable index over the given ids, in order; duplicates are an error. */
  public static IdIndex of(List<String> ids) {
    IdIndex index = new IdIndex();
    for (String id : ids) {
      if (index.indexOf(id) >= 0) {
        throw new IllegalArgumentException("duplicate id '" + id + "'");
      }
      index.add(id);
    }
    return index.freeze();
  }

  /** An immutable index of "0", "1", ..., String.valueOf(n - 1). */
  public static IdIndex range(int n) {
    String[] ids = new String[n];
    Arrays.setAll(ids, String::valueOf);
    return of(Arrays.asList(ids));
  }

  /** The key of {@code id}, adding it if new. */
  public int add(String id) {
    // A null id would only fail later, in freeze(); reject it where the caller can see why.
    Objects.requireNonNull(id, "id");
    if (frozen) {
      throw new IllegalStateException("this IdIndex is frozen");
    }
    Integer key = keys.get(id);
    if (key != null) {
      return key;
    }
    int next = ids.size();
    keys.put(id, next);
    ids.add(id);
    return next;
  }

  /** The key of {@code id}, or -1 when it is not in the index. */
  public int indexOf(String id) {
    Integer key = keys.get(id);
    return key == null ? -1 : key;
  }

  public boolean contains(String id) {
    return keys.containsKey(id);
  }

  /** The external id of a key. */
  public String id(int key) {
    return ids.get(key);
  }

  public int size() {
    return ids.size();
  }

  /** All ids, in key order. */
  public List<String> ids() {
    return Collections.unmodifiableList(ids);
  }

  public boolean isFrozen() {
    return frozen;
  }

  /** An immutable copy (or this, when already frozen). */
  public IdIndex freeze() {
    if (frozen) {
      return this;
    }
    return new IdIndex(Map.copyOf(keys), List.copyOf(ids), true);
  }

  @Override
  public String toString() {
    return "IdIndex[size=" + size() + (frozen ? ", frozen" : "") + "]";
  }
}
