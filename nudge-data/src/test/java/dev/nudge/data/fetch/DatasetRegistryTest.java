package dev.nudge.data.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.InputException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetRegistryTest {

  @Test
  void knowsTheIssuesDataSetsAtTheirPublishers() {
    DatasetRegistry registry = DatasetRegistry.standard();
    assertThat(registry.datasets())
        .extracting(RemoteDataset::name)
        .containsExactly("ml-100k", "ml-1m", "ml-latest-small", "ml-20m", "mind-small");
    RemoteDataset ml100k = registry.get("ml-100k");
    assertThat(registry.uri(ml100k.archives().get(0)))
        .isEqualTo(URI.create("https://files.grouplens.org/datasets/movielens/ml-100k.zip"));
    assertThat(ml100k.archives().get(0).check())
        .isEqualTo(new ArchiveCheck.PinnedMd5("0e33842e24a9c977be4e0107933c0723"));
    assertThat(registry.get("ml-latest-small").archives().get(0).check())
        .isInstanceOf(ArchiveCheck.PublishedMd5.class);
    RemoteDataset mind = registry.get("mind-small");
    assertThat(mind.archives())
        .extracting(a -> registry.uri(a).toString())
        .containsExactly(
            "https://mind201910small.blob.core.windows.net/release/MINDsmall_train.zip",
            "https://mind201910small.blob.core.windows.net/release/MINDsmall_dev.zip");
    assertThat(mind.files())
        .extracting(FileCheck::path)
        .containsExactly(
            "train/behaviors.tsv", "train/news.tsv", "dev/behaviors.tsv", "dev/news.tsv");
  }

  @Test
  void rebasingServesEveryArchiveFromTheMirror() {
    DatasetRegistry mirror =
        DatasetRegistry.standard().rebasedAt(URI.create("http://127.0.0.1:9/m"));
    assertThat(mirror.uri(mirror.get("ml-20m").archives().get(0)))
        .isEqualTo(URI.create("http://127.0.0.1:9/m/ml-20m.zip"));
    assertThat(mirror.uri(mirror.get("mind-small").archives().get(1)))
        .isEqualTo(URI.create("http://127.0.0.1:9/m/MINDsmall_dev.zip"));
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> DatasetRegistry.standard().get("ml-25m"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'name'")
        .hasMessageContaining("unknown data set 'ml-25m'")
        .hasMessageContaining("[ml-100k, ml-1m, ml-latest-small, ml-20m, mind-small]");
  }

  @Test
  void rejectsInconsistentEntries() {
    Archive a = new Archive("nowhere", "x.zip", new ArchiveCheck.ContentOnly(), "", "");
    RemoteDataset x = new RemoteDataset("x", "x", List.of(a), List.of());
    assertThatThrownBy(() -> new DatasetRegistry(Map.of(), List.of(x)))
        .hasMessageContaining("data set 'x' names unknown source 'nowhere'");
    Archive b = new Archive("s", "x.zip", new ArchiveCheck.ContentOnly(), "", "");
    RemoteDataset y = new RemoteDataset("x", "x", List.of(b), List.of());
    assertThatThrownBy(
            () -> new DatasetRegistry(Map.of("s", URI.create("http://h/")), List.of(y, y)))
        .hasMessageContaining("data set 'x' is registered twice");
    assertThatThrownBy(() -> new ArchiveCheck.PinnedMd5("xyz"))
        .hasMessageContaining("hex must be 32 hexadecimal digits, got xyz");
    assertThatThrownBy(() -> new Archive("s", "a/x.zip", new ArchiveCheck.ContentOnly(), "", ""))
        .hasMessageContaining("file must be a plain file name, got 'a/x.zip'");
    assertThatThrownBy(() -> new Archive("s", "x.zip", new ArchiveCheck.ContentOnly(), "x", ""))
        .hasMessageContaining("stripPrefix must end with '/', got 'x'");
    assertThatThrownBy(() -> new Archive("s", "x.zip", new ArchiveCheck.ContentOnly(), "", "../up"))
        .hasMessageContaining("into must be a relative folder, got '../up'");
    assertThatThrownBy(() -> new FileCheck("../x", 1, "ab".repeat(32)))
        .hasMessageContaining("path must be a relative path, got '../x'");
    assertThatThrownBy(() -> new FileCheck("x", -1, "ab".repeat(32)))
        .hasMessageContaining("size must be >= 0, got -1");
    assertThatThrownBy(() -> new RemoteDataset("Bad Name", "x", List.of(b), List.of()))
        .hasMessageContaining("name must be lower-case");
    assertThatThrownBy(() -> new RemoteDataset("x", "x", List.of(), List.of()))
        .hasMessageContaining("archives must not be empty for data set 'x'");
  }
}
