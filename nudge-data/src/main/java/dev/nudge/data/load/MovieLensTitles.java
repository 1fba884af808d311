package dev.nudge.data.load;

/** MovieLens titles end with the release year in brackets: "Toy Story (1995)". */
final class MovieLensTitles {
  private MovieLensTitles() {}

  /** The year at the end of a title, or NaN when it has none (a few 20M titles). */
  static float year(String title) {
    String t = title.strip();
    int n = t.length();
    if (n >= 6 && t.charAt(n - 1) == ')' && t.charAt(n - 6) == '(') {
      String digits = t.substring(n - 5, n - 1);
      if (digits.chars().allMatch(Character::isDigit)) {
        return Integer.parseInt(digits);
      }
    }
    return Float.NaN;
  }
}
