package dev.nudge.serve;

import java.util.List;
import java.util.Map;

/** A small catalogue for tests. */
public final class BankingNudges {
  private BankingNudges() {}

  public static List<Nudge> five() {
    return List.of(
        new Nudge("savings-goal", 0, Map.of("value", 1.0), "savings", "Set a savings goal", true),
        new Nudge("round-up", 0, Map.of("value", 0.5), "savings", "Round up purchases", true),
        new Nudge("bill-reminder", 0, Map.of(), "bills", "Bill due soon", true),
        new Nudge("overdraft-alert", 0, Map.of(), "alerts", "Low balance", true),
        new Nudge("credit-tip", 0, Map.of(), "credit", "Improve your score", true));
  }
}
