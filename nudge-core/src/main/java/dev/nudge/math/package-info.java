/**
 * Dense linear algebra on plain {@code double[]} in row-major order: the hot rank-1 kernels are
 * written by hand, everything else (Cholesky, solves) goes through EJML.
 */
package dev.nudge.math;
