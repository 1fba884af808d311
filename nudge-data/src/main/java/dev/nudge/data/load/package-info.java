/**
 * Loaders that turn public data sets and users' own files into a {@link dev.nudge.data.Dataset}:
 * MovieLens (100K, 1M/10M, the CSV releases), MIND, the Open Bandit Dataset and a documented
 * generic CSV/JSON format. {@link dev.nudge.data.load.DatasetFormats} finds a loader by name or by
 * the files a folder holds.
 *
 * <p>Every loader streams its files line by line into the model's primitive columns (never one
 * object per interaction) and reports bad input as an {@link dev.nudge.core.InputException} naming
 * the file, the 1-based line and the reason, so that whoever supplied the file can fix it. The
 * formats are described for users in {@code docs/data-formats.md}.
 */
package dev.nudge.data.load;
