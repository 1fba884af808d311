/**
 * JMH benchmarks of the one-stage bandit policies: decision and update latency per policy and
 * candidate count, so regressions in the scoring kernels show up as numbers.
 */
package dev.nudge.bench.bandit;
