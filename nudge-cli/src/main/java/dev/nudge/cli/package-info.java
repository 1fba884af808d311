/**
 * The {@code nudge} command line and Nudge's composition root: the only place that knows every
 * module and wires them together. Nothing depends on this package.
 */
package dev.nudge.cli;
