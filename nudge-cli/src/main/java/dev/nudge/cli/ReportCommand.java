package dev.nudge.cli;

import dev.nudge.simulation.experiment.HtmlReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code nudge report <run>}: one self-contained HTML page for a run folder. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Writes report.html (tables, plots inlined, exact config) into a run folder.")
final class ReportCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "a run folder written by nudge simulate")
  Path run;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(HtmlReport.write(run));
    return 0;
  }
}
