/**
 * The Nudge service: decide and reward over HTTP, backed by a durable event log and an online
 * learner. {@link dev.nudge.serve.NudgeService} is the composition root a caller (the CLI, a test)
 * starts with a catalogue, a policy factory and a config; {@link dev.nudge.serve.DecisionService}
 * holds the request logic independent of HTTP; {@link dev.nudge.serve.http} maps it to the /v1 JSON
 * API.
 */
package dev.nudge.serve;
