package dev.nudge.bandit.mab;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/** Pull counts and reward sums per arm key, growing as new keys appear. Single-writer. */
final class ArmStats {
  private long[] pulls = new long[16];
  private double[] rewards = new double[16];

  ArmStats() {}

  private ArmStats(long[] pulls, double[] rewards) {
    this.pulls = pulls;
    this.rewards = rewards;
  }

  void add(int key, double reward) {
    if (key >= pulls.length) {
      int cap = Math.max(key + 1, pulls.length * 2);
      pulls = Arrays.copyOf(pulls, cap);
      rewards = Arrays.copyOf(rewards, cap);
    }
    pulls[key]++;
    rewards[key] += reward;
  }

  long pulls(int key) {
    return key < pulls.length ? pulls[key] : 0;
  }

  double rewardSum(int key) {
    return key < rewards.length ? rewards[key] : 0;
  }

  /** The mean reward, or {@code unseen} for an arm never pulled. */
  double mean(int key, double unseen) {
    long n = pulls(key);
    return n == 0 ? unseen : rewardSum(key) / n;
  }

  ArmStats copy() {
    return new ArmStats(pulls.clone(), rewards.clone());
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(pulls.length);
    for (int i = 0; i < pulls.length; i++) {
      out.writeLong(pulls[i]);
      out.writeDouble(rewards[i]);
    }
  }

  void read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("corrupt arm statistics: " + n + " arms");
    }
    long[] p = new long[n];
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = in.readLong();
      r[i] = in.readDouble();
    }
    pulls = p;
    rewards = r;
  }
}
