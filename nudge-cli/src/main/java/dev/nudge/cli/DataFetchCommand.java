package dev.nudge.cli;

import dev.nudge.data.fetch.Archive;
import dev.nudge.data.fetch.DatasetFetcher;
import dev.nudge.data.fetch.DatasetRegistry;
import dev.nudge.data.fetch.FetchException;
import dev.nudge.data.fetch.FetchResult;
import dev.nudge.data.fetch.ProgressFactory;
import dev.nudge.data.fetch.RemoteDataset;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nudge data fetch <name>}: downloads a public data set from its publisher, verifies it,
 * unpacks it into {@code <dir>/<name>}. Exit codes: 0 done (or already present), 1 the fetch failed
 * (network, checksum, unsafe archive), 2 bad arguments.
 */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description = {
      "Download a public data set from its publisher, verify its checksum and unpack it into"
          + " <dir>/<name>.",
      "Run it again to check a fetched folder: nothing is downloaded when it is complete."
    })
public final class DataFetchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "<name>",
      description = "The data set to fetch (see --list).")
  String name;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "${env:NUDGE_DATA_DIR:-data}",
      description = "Folder the data set is unpacked under (default: $NUDGE_DATA_DIR or ./data).")
  Path dir;

  @Option(names = "--list", description = "List the data sets that can be fetched, and exit.")
  boolean list;

  @Option(
      names = "--force",
      description = "Replace an existing <dir>/<name> that is incomplete or was not fetched here.")
  boolean force;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = "Fetch every archive from this mirror folder instead of the publishers.")
  URI baseUrl;

  @Option(names = "--quiet", description = "Do not show a progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    DatasetRegistry registry = DatasetRegistry.standard();
    if (baseUrl != null) {
      registry = registry.rebasedAt(baseUrl);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (list) {
      list(registry, out);
      return 0;
    }
    if (name == null) {
      throw new ParameterException(
          spec.commandLine(), "Missing the data set <name>; one of " + names(registry));
    }
    DatasetFetcher fetcher =
        new DatasetFetcher(
            registry,
            DatasetFetcher.defaultClient(),
            quiet ? ProgressFactory.silent() : ProgressFactory.bars());
    try {
      FetchResult r = fetcher.fetch(name.toLowerCase(Locale.ROOT), dir, force);
      if (r.downloaded()) {
        out.printf(
            "%s: fetched %s in %d files into %s%n",
            r.dataset().name(), size(r.bytes()), r.files(), r.directory());
      } else {
        out.printf(
            "%s: already present and complete in %s (%d files); nothing downloaded%n",
            r.dataset().name(), r.directory(), r.files());
      }
      return 0;
    } catch (FetchException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 1;
    }
  }

  private static void list(DatasetRegistry registry, PrintWriter out) {
    for (RemoteDataset d : registry.datasets()) {
      out.printf("%-16s %s%n", d.name(), d.description());
      for (Archive a : d.archives()) {
        out.printf("%-16s   %s%n", "", registry.uri(a));
      }
    }
  }

  private static String names(DatasetRegistry registry) {
    return registry.datasets().stream().map(RemoteDataset::name).toList().toString();
  }

  private static String size(long bytes) {
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }
}
