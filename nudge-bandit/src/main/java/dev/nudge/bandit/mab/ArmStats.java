package dev.nudge.bandit.mab;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Pull counts and reward sums per arm key, growing as new keys appear, with optional forgetting for
 * non-stationary rewards. Single-writer; reads are safe while no write is in progress.
 *
 * <ul>
 *   <li><b>Discount</b> γ ∈ (0, 1]: after each update every statistic is multiplied by γ
 *       (discounted UCB, Garivier &amp; Moulines 2011), so an observation t updates old weighs γ^t.
 *       It is applied lazily: each key remembers when it was last touched and is scaled by γ^(now −
 *       then) when read, so an update stays O(1).
 *   <li><b>Window</b> W ≥ 1: only the last W updates count (sliding-window UCB); the oldest is
 *       subtracted when a new one arrives. 0 means no window.
 * </ul>
 */
final class ArmStats {
  private final double discount;
  private final int window;
  private double[] pulls = new double[16];
  private double[] rewards = new double[16];
  private long[] touched = new long[16];
  private long time;
  private double totalPulls;
  private int[] windowKeys;
  private double[] windowRewards;

  ArmStats(double discount, int window) {
    if (!(discount > 0 && discount <= 1)) {
      throw new IllegalArgumentException("discount must be in (0, 1], got " + discount);
    }
    if (window < 0) {
      throw new IllegalArgumentException("window must be >= 0 (0 = none), got " + window);
    }
    if (window > 0 && discount < 1) {
      throw new IllegalArgumentException(
          "use either discount < 1 or a window, not both (discount="
              + discount
              + ", window="
              + window
              + ")");
    }
    this.discount = discount;
    this.window = window;
    if (window > 0) {
      windowKeys = new int[window];
      windowRewards = new double[window];
    }
  }

  ArmStats() {
    this(1, 0);
  }

  private ArmStats(ArmStats other) {
    this.discount = other.discount;
    this.window = other.window;
    this.pulls = other.pulls.clone();
    this.rewards = other.rewards.clone();
    this.touched = other.touched.clone();
    this.time = other.time;
    this.totalPulls = other.totalPulls;
    if (window > 0) {
      this.windowKeys = other.windowKeys.clone();
      this.windowRewards = other.windowRewards.clone();
    }
  }

  void add(int key, double reward) {
    if (key >= pulls.length) {
      int cap = Math.max(key + 1, pulls.length * 2);
      pulls = Arrays.copyOf(pulls, cap);
      rewards = Arrays.copyOf(rewards, cap);
      touched = Arrays.copyOf(touched, cap);
    }
    if (window > 0) {
      int slot = (int) (time % window);
      if (time >= window) {
        pulls[windowKeys[slot]] -= 1;
        rewards[windowKeys[slot]] -= windowRewards[slot];
        totalPulls -= 1;
      }
      windowKeys[slot] = key;
      windowRewards[slot] = reward;
    }
    time++;
    double scale = decay(key);
    pulls[key] = pulls[key] * scale + 1;
    rewards[key] = rewards[key] * scale + reward;
    touched[key] = time;
    totalPulls = totalPulls * discount + 1;
  }

  private double decay(int key) {
    return discount == 1 ? 1 : Math.pow(discount, time - touched[key]);
  }

  /** The (discounted or windowed) number of pulls of an arm. */
  double pulls(int key) {
    return key < pulls.length ? pulls[key] * decay(key) : 0;
  }

  double rewardSum(int key) {
    return key < rewards.length ? rewards[key] * decay(key) : 0;
  }

  /** The (discounted or windowed) number of pulls of all arms together. */
  double totalPulls() {
    return totalPulls;
  }

  /** How many updates were applied, forgetting aside. */
  long updates() {
    return time;
  }

  /** The mean reward, or {@code unseen} for an arm with no (remaining) pulls. */
  double mean(int key, double unseen) {
    double n = pulls(key);
    return n <= 1e-12 ? unseen : rewardSum(key) / n;
  }

  ArmStats copy() {
    return new ArmStats(this);
  }

  void write(DataOutputStream out) throws IOException {
    out.writeLong(time);
    out.writeDouble(totalPulls);
    out.writeInt(pulls.length);
    for (int i = 0; i < pulls.length; i++) {
      out.writeDouble(pulls[i]);
      out.writeDouble(rewards[i]);
      out.writeLong(touched[i]);
    }
    for (int i = 0; i < window; i++) {
      out.writeInt(windowKeys[i]);
      out.writeDouble(windowRewards[i]);
    }
  }

  void read(DataInputStream in) throws IOException {
    long t = in.readLong();
    double total = in.readDouble();
    int n = in.readInt();
    if (t < 0 || n < 0 || n > 1 << 28) {
      throw new IOException("corrupt arm statistics: time " + t + ", " + n + " arms");
    }
    double[] p = new double[n];
    double[] r = new double[n];
    long[] when = new long[n];
    for (int i = 0; i < n; i++) {
      p[i] = in.readDouble();
      r[i] = in.readDouble();
      when[i] = in.readLong();
    }
    for (int i = 0; i < window; i++) {
      windowKeys[i] = in.readInt();
      windowRewards[i] = in.readDouble();
    }
    time = t;
    totalPulls = total;
    pulls = p;
    rewards = r;
    touched = when;
  }

  /** The forgetting parameters as spec text, empty when there is none. */
  String describe() {
    if (window > 0) {
      return ", window=" + window;
    }
    return discount < 1 ? ", discount=" + discount : "";
  }
}
