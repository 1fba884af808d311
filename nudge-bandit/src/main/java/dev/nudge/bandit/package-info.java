/**
 * Contextual bandit policies. A {@link dev.nudge.bandit.Policy} turns a {@link
 * dev.nudge.bandit.DecisionContext} into a ranked {@link dev.nudge.bandit.Slate} that records, for
 * each arm, the probability the policy had of choosing it, and learns from {@link
 * dev.nudge.bandit.Feedback}.
 *
 * <p>Threading: {@code decide} never changes a policy, so any number of threads may decide at once;
 * {@code learn} is called by one learner thread at a time, never concurrently with {@code decide}
 * on the same instance. Servers keep serving from one instance while learning on a {@link
 * dev.nudge.bandit.Policy#copy() copy} and swap them.
 */
package dev.nudge.bandit;
