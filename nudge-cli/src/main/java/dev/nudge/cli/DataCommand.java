package dev.nudge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nudge data}: the parent of the data subcommands ({@code info}, {@code fetch}). */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Inspect and fetch data sets.",
    subcommands = {DataInfoCommand.class, DataFetchCommand.class})
public final class DataCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // A bare "nudge data" has nothing to do but explain its subcommands.
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
