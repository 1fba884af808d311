package dev.nudge.bandit.linear;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The last W observations (arm key, x, reward) of a sliding-window policy, in a ring buffer, so the
 * oldest can be subtracted from its ridge state when a new one arrives. Single-writer.
 */
final class ObservationWindow {
  /** One observation that falls out of the window. */
  record Evicted(int key, double[] x, double reward) {}

  private final int capacity;
  private final int d;
  private final int[] keys;
  private final double[] xs;
  private final double[] rewards;
  private long count;

  ObservationWindow(int capacity, int d) {
    this.capacity = capacity;
    this.d = d;
    this.keys = new int[capacity];
    this.xs = new double[capacity * d];
    this.rewards = new double[capacity];
  }

  private ObservationWindow(ObservationWindow other) {
    this.capacity = other.capacity;
    this.d = other.d;
    this.keys = other.keys.clone();
    this.xs = other.xs.clone();
    this.rewards = other.rewards.clone();
    this.count = other.count;
  }

  /** Records an observation; returns the one it displaces, or null while the window fills. */
  Evicted push(int key, double[] x, double reward) {
    int slot = (int) (count % capacity);
    Evicted old = null;
    if (count >= capacity) {
      double[] oldX = new double[d];
      System.arraycopy(xs, slot * d, oldX, 0, d);
      old = new Evicted(keys[slot], oldX, rewards[slot]);
    }
    keys[slot] = key;
    System.arraycopy(x, 0, xs, slot * d, d);
    rewards[slot] = reward;
    count++;
    return old;
  }

  ObservationWindow copy() {
    return new ObservationWindow(this);
  }

  void write(DataOutputStream out) throws IOException {
    out.writeLong(count);
    for (int i = 0; i < capacity; i++) {
      out.writeInt(keys[i]);
      out.writeDouble(rewards[i]);
    }
    RidgeState.writeArray(out, xs);
  }

  void read(DataInputStream in) throws IOException {
    long c = in.readLong();
    if (c < 0) {
      throw new IOException("corrupt observation window: count " + c);
    }
    for (int i = 0; i < capacity; i++) {
      keys[i] = in.readInt();
      rewards[i] = in.readDouble();
    }
    double[] read = RidgeState.readArray(in, capacity * d);
    System.arraycopy(read, 0, xs, 0, xs.length);
    count = c;
  }
}
