/**
 * Off-policy evaluation: what would a target policy have earned on traffic that another (logging)
 * policy served? Each logged round holds the context, the candidates, the logged action, the
 * logging policy's probability of it, and the reward. {@link dev.nudge.eval.ope.OffPolicyEvaluator}
 * computes inverse propensity scoring (IPS), self-normalised IPS, the direct method, doubly robust
 * and replay estimates in one pass, each with a seeded bootstrap confidence interval.
 *
 * <p>Logged rounds come from the service's own event log export ({@link
 * dev.nudge.eval.ope.EventLogRounds}, format {@code nudge-event-log/1}, parsed here because this
 * module must not depend on the service) or from data sets with a propensity column ({@link
 * dev.nudge.eval.ope.LoggedRounds}).
 *
 * <p>Estimates are only as good as the logged propensities: rounds with a propensity of 0 (the
 * logging policy could not have chosen the action) are rejected, and the effective sample size is
 * reported so that a reader sees when a few huge weights carry the estimate.
 */
package dev.nudge.eval.ope;
