/** JMH benchmarks of the bandit policies: decision and update times, and their scoring kernels. */
package dev.nudge.bench.bandit;
