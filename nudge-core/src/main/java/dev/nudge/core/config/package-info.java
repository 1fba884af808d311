/**
 * Nudge's one configuration format: YAML documents whose top-level keys name sections, each section
 * bound strictly to a validated record. Unknown keys and bad values fail with an {@link
 * dev.nudge.core.InputException} that names the key path and the line.
 */
package dev.nudge.core.config;
