package dev.nudge.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON the API answers with for nudges, users and the config. */
public final class Views {
  private Views() {}

  public static ObjectNode nudge(Nudge n) {
    return NudgeJson.tree(n);
  }

  public static ObjectNode user(UserDirectory.User u) {
    return NudgeJson.tree(u);
  }

  public static String config(ServiceConfig c) {
    return NudgeJson.tree(c).toString();
  }
}
