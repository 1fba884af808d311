/**
 * Contextual bandit policies. A {@link dev.nudge.bandit.Policy} turns a {@link
 * dev.nudge.bandit.DecisionContext} into a ranked {@link dev.nudge.bandit.Slate} that records, for
 * each arm, the probability the policy had of choosing it, and learns from {@link
 * dev.nudge.bandit.Feedback}.
 *
 * <p>Shared machinery for every one-stage policy: {@link dev.nudge.bandit.Budget} (which candidates
 * a decision may score), {@link dev.nudge.bandit.Slates} (ranking, tie-breaking and probability
 * estimates), {@link dev.nudge.bandit.FeatureMap} (how x is built), {@link
 * dev.nudge.bandit.EpsilonMix} (exact propensities for deterministic policies), {@link
 * dev.nudge.bandit.Policies} (specs such as {@code linucb(alpha=1.0, d=64)} to policies, open to
 * more factories) and {@link dev.nudge.bandit.PolicySnapshots} (versioned, checksummed state
 * files). Families live in sub-packages: {@code mab}, {@code linear}, {@code glm}.
 *
 * <p>Threading: {@code decide} never changes a policy, so any number of threads may decide at once;
 * {@code learn} is called by one learner thread at a time, never concurrently with {@code decide}
 * on the same instance. Servers keep serving from one instance while learning on a {@link
 * dev.nudge.bandit.Policy#copy() copy} and swap them.
 */
package dev.nudge.bandit;
