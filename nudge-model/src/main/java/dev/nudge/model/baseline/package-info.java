/**
 * Reference recommenders that every neural result is reported beside: item popularity and BPR
 * matrix factorisation (Rendle et al., 2009), trained with plain-Java SGD so they need no engine.
 * Both score every item for a user into a {@code float[]}, the shape the evaluation harness takes.
 */
package dev.nudge.model.baseline;
