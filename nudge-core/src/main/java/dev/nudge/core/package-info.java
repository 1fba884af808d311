/**
 * What every Nudge module shares: input errors that name where they happened, strict YAML
 * configuration, seeded randomness and progress reporting. Depends on nothing else in Nudge.
 */
package dev.nudge.core;
