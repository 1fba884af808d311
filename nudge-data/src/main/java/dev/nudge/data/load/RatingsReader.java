package dev.nudge.data.load;

import dev.nudge.core.InputException;
import dev.nudge.data.IdIndex;
import dev.nudge.data.InteractionLog;

/**
 * Reads MovieLens-style rating lines, {@code user item rating timestamp}, in whichever layout a
 * release uses, into a rating log. Shared by the three MovieLens loaders so that they check ids,
 * ranges and timestamps the same way.
 */
final class RatingsReader {

  /** Splits one line into exactly four fields, or throws naming the line. */
  @FunctionalInterface
  interface Splitter {
    String[] split(LineReader in, String line);
  }

  private final Splitter splitter;
  private final float minRating;
  private final float maxRating;

  RatingsReader(Splitter splitter, float minRating, float maxRating) {
    this.splitter = splitter;
    this.minRating = minRating;
    this.maxRating = maxRating;
  }

  /**
   * Reads every remaining line of {@code in}. Item ids must be in {@code items}; user ids must be
   * in {@code users} when it is frozen, and join it otherwise (formats without a users file).
   */
  InteractionLog read(LineReader in, IdIndex users, IdIndex items, String itemsFile) {
    InteractionLog.Builder log = new InteractionLog.Builder(InteractionLog.ValueKind.RATING);
    String line;
    while ((line = in.next()) != null) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = splitter.split(in, line);
      int user = users.isFrozen() ? users.indexOf(f[0]) : users.add(f[0]);
      if (user < 0) {
        throw in.error("unknown user id '" + f[0] + "' (not in the users file)");
      }
      int item = items.indexOf(f[1]);
      if (item < 0) {
        throw in.error("unknown item id '" + f[1] + "' (not in " + itemsFile + ")");
      }
      float rating = Fields.parseFloat(in, f[2], "rating");
      if (rating < minRating || rating > maxRating) {
        throw in.error("rating " + f[2] + " is outside " + minRating + ".." + maxRating);
      }
      long time = Fields.parseLong(in, f[3], "timestamp");
      if (time < 0) {
        throw in.error("timestamp " + f[3] + " is negative");
      }
      log.add(user, item, time, rating);
    }
    if (log.size() == 0) {
      throw InputException.inFile(in.file(), "no ratings in the file");
    }
    return log.build();
  }
}
