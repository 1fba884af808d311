/**
 * Re-ranking: the last stage before a slate is shown, where business rules and long-term goals
 * override pure relevance. {@link dev.nudge.ranking.rerank.EligibilityRule}s remove items that may
 * not be shown at all; {@link dev.nudge.ranking.rerank.ImpressionLedger} enforces frequency caps
 * and cool-downs per user and nudge against an injected clock; {@link
 * dev.nudge.ranking.rerank.MmrSelector} trades relevance against similarity to what is already on
 * the slate (maximal marginal relevance) under an {@link dev.nudge.ranking.rerank.ExposureCap} that
 * keeps any one topic from taking the whole slate; {@link
 * dev.nudge.ranking.rerank.ExplorationSlots} hands a few reserved slots to a bandit policy so that
 * uncertain (new, rarely shown) nudges get shown and learned about.
 */
package dev.nudge.ranking.rerank;
