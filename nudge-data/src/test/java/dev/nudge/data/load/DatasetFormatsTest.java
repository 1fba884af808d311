package dev.nudge.data.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.InputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatasetFormatsTest {

  @Test
  void everyFormatIsRegisteredUnderItsName() {
    assertThat(DatasetFormats.names())
        .containsExactly("ml-100k", "ml-1m", "ml-csv", "mind", "obd", "generic");
    for (String name : DatasetFormats.names()) {
      assertThat(DatasetFormats.named(name).name()).isEqualTo(name);
    }
    assertThat(DatasetFormats.find("nope")).isEmpty();
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> DatasetFormats.named("movielens"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'format'")
        .hasMessageContaining("unknown format 'movielens'")
        .hasMessageContaining("auto, [ml-100k, ml-1m, ml-csv, mind, obd, generic]");
  }

  @ParameterizedTest
  @CsvSource({
    "ml-100k/good, ml-100k",
    "ml-1m/good, ml-1m",
    "ml-1m/no-ratings, ml-1m",
    "ml-csv/good, ml-csv",
    "mind/good, mind",
    "obd/mini, obd",
    "generic/csv, generic",
    "generic/jsonl, generic",
  })
  void detectsTheFormatFromTheFiles(String fixture, String format) {
    assertThat(DatasetFormats.detect(Fixtures.dir(fixture)).name()).isEqualTo(format);
  }

  @Test
  void detectionFailureListsWhatWasLookedFor() {
    Path dir = Fixtures.dir("ml-100k"); // holds only fixture folders
    assertThatThrownBy(() -> DatasetFormats.detect(dir))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(dir + ": no known data set format found; looked for ")
        .hasMessageContaining("ml-100k (u.data + u.item)")
        .hasMessageContaining("mind (behaviors.tsv + news.tsv)")
        .hasMessageContaining("generic (interactions.csv or interactions.jsonl)");
  }

  @Test
  void aFileOrAMissingFolderIsNotADataSet() {
    Path file = Fixtures.dir("ml-100k/good").resolve("u.data");
    assertThatThrownBy(() -> DatasetFormats.load(file, DatasetFormats.AUTO))
        .isInstanceOf(InputException.class)
        .hasMessage(file + ": not a folder; give the data set's folder");
    Path missing = Fixtures.dir("ml-100k").resolve("does-not-exist");
    assertThatThrownBy(() -> DatasetFormats.load(missing, "ml-100k"))
        .isInstanceOf(InputException.class)
        .hasMessage(missing + ": no such folder");
  }

  @Test
  void aNamedFormatOverridesDetection() {
    // A MovieLens 1M folder read as the generic format lacks the generic files.
    Path dir = Fixtures.dir("ml-1m/good");
    assertThatThrownBy(() -> DatasetFormats.load(dir, "generic"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no interactions.csv or interactions.jsonl");
    assertThat(DatasetFormats.load(dir, "ml-1m").interactions().size()).isEqualTo(4);
  }
}
