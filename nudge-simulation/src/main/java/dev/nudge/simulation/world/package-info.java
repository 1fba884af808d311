/**
 * The synthetic nudge world, Nudge's embedded default: a digital-banking campaign with customers
 * (demographics and behaviour), a catalogue of nudges (savings goal, bill reminder, card offer,
 * investment tip, budgeting tip, and generated variants), decision moments (hour, weekday,
 * location, recent activity) and a hidden logistic {@link dev.nudge.simulation.world.ResponseModel}
 * with noise and slow drift.
 *
 * <p>Why synthetic: on logged data the best nudge is never known, so regret can only be estimated.
 * Here the exact click probability of every choice is known, so a policy's regret is measured, not
 * guessed, and a new user can see policies learn without downloading anything.
 *
 * <p>Everything derives from one seed and an index, so worlds of any size cost memory only for
 * their nudges. {@link dev.nudge.simulation.world.WorldDecisions} adapts rounds to the bandit API,
 * optionally with {@link dev.nudge.simulation.world.WorldEmbeddings} (the hidden model's own
 * factorisation as two-tower embeddings, so the neural policies run without a trained model);
 * {@link dev.nudge.simulation.world.HistoryGenerator} emits logs with propensities as a {@link
 * dev.nudge.data.Dataset}.
 */
package dev.nudge.simulation.world;
