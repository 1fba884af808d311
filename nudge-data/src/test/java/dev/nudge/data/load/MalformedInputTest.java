package dev.nudge.data.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nudge.core.InputException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every loader on small malformed fixtures: the error names the file, the 1-based line and the
 * reason. Each fixture folder differs from its format's good fixture in one place.
 */
class MalformedInputTest {

  @ParameterizedTest(name = "{0}/{1} -> {2}:{3}")
  @CsvSource(
      delimiter = ';',
      value = {
        "ml-100k; bad-rating; u.data; 3; rating 'five' is not a number",
        "ml-100k; rating-out-of-range; u.data; 1; rating 6 is outside 1.0..5.0",
        "ml-100k; unknown-item; u.data; 2; unknown item id '99' (not in u.item)",
        "ml-100k; unknown-user; u.data; 2; unknown user id '7'",
        "ml-100k; bad-timestamp; u.data; 2; timestamp '8768x3171' is not an integer",
        "ml-100k; data-fields; u.data; 2; expected 4 fields separated by '\\t', found 1",
        "ml-100k; short-item; u.item; 2; expected 24 fields separated by '|', found 3",
        "ml-100k; bad-flag; u.item; 1; genre flag 4 is '2', not 0 or 1",
        "ml-100k; bad-age; u.user; 2; age 'old' is not an integer",
        "ml-1m; bad-movie-line; movies.dat; 2; expected 3 fields separated by '::', found 2",
        "ml-1m; unknown-movie; ratings.dat; 3; unknown item id '42' (not in movies.dat)",
        "ml-1m; bad-gender; users.dat; 1; gender 'X' is not M or F",
        "ml-1m; half-star-overflow; ratings.dat; 1; rating 5.5 is outside 0.5..5.0",
        "ml-csv; unclosed-quote; movies.csv; 3; a quoted field is not closed",
        "ml-csv; missing-column; ratings.csv; 1; header has no column 'rating'",
        "ml-csv; bad-rating; ratings.csv; 4; rating 'great' is not a number",
        "ml-csv; unknown-tag-movie; tags.csv; 3; unknown movieId '77' (not in movies.csv)",
        "ml-csv; extra-field; ratings.csv; 2; expected 4 fields as in the header, found 5",
        "mind; bad-time; behaviors.tsv; 2; time '2019-11-12 13:14:05' is not M/D/YYYY h:mm:ss AM/PM",
        "mind; unknown-news; behaviors.tsv; 3; unknown news id 'N9' (not in news.tsv)",
        "mind; bad-label; behaviors.tsv; 1; label of N2 '2' is not 0 or 1",
        "mind; unknown-history; behaviors.tsv; 2; unknown news id 'N5' in History",
        "mind; short-news; news.tsv; 2; expected 8 fields separated by '\\t', found 3",
        "obd; bad-time; bad-time.csv; 4; timestamp '24/11/2019 00:04' is not like",
        "obd; unknown-item; unknown-item.csv; 3; unknown item_id '7' (not in item_context.csv)",
        "obd; zero-propensity; zero-propensity.csv; 5; propensity 0.0 is not in (0, 1]",
        "obd; bad-position; bad-position.csv; 2; position 0 is not 1 or more",
        "obd; bad-affinity; bad-affinity.csv; 3; user-item_affinity_1 'many' is not a number",
        "obd; dup-item; item_context.csv; 5; duplicate item_id '1'",
        "generic; unknown-item; interactions.csv; 5; unknown item id 'loan' (not in the items file)",
        "generic; unknown-user; interactions.csv; 5; unknown user id 'u4' (not in users.csv)",
        "generic; bad-timestamp; interactions.csv; 3; timestamp 'yesterday' is neither epoch seconds",
        "generic; rating-and-label; interactions.csv; 1; both 'rating' and 'label'",
        "generic; bad-label; interactions.csv; 4; label '2' is not 0 or 1",
        "generic; missing-column; interactions.csv; 1; header has no column 'user_id'",
        "generic; bad-json; interactions.jsonl; 2; not valid JSON",
        "generic; missing-field; interactions.jsonl; 2; missing field 'item_id'",
        "generic; item-without-id; items.json; 3; item has no 'id'",
        "generic; bad-propensity; interactions.csv; 3; propensity 1.5 is not in (0, 1]",
        "generic; duplicate-item; items.csv; 4; duplicate id 'x'",
        "generic; duplicate-user; users.csv; 4; duplicate user_id 'a'",
        "generic; feature-clash; items.json; 2; feature 'text' clashes with the item's own field",
      })
  void errorNamesFileLineAndReason(
      String format, String folder, String file, long line, String reason) {
    Path dir = Fixtures.dir(format + "/" + folder);
    InputException e =
        catchThrowableOfType(InputException.class, () -> DatasetFormats.named(format).load(dir));
    assertThat(e).as("loading %s/%s must fail", format, folder).isNotNull();
    assertThat(e.getMessage()).startsWith(dir.resolve(file) + ":" + line + ": ");
    assertThat(e.getMessage()).contains(reason);
    assertThat(e.line()).isEqualTo(line);
    assertThat(e.source()).hasValue(dir.resolve(file).toString());
  }

  @ParameterizedTest(name = "{0}/{1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "ml-1m; no-ratings; ratings.dat; file not found",
        "generic; both-interactions; .; both interactions.csv and interactions.jsonl",
      })
  void wholeFileProblemsNameTheFile(String format, String folder, String file, String reason) {
    Path dir = Fixtures.dir(format + "/" + folder);
    InputException e =
        catchThrowableOfType(InputException.class, () -> DatasetFormats.named(format).load(dir));
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).startsWith(dir.resolve(file).normalize() + ": ").contains(reason);
  }
}
