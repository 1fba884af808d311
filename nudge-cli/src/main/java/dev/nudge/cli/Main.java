package dev.nudge.cli;

import dev.nudge.core.InputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nudge}: the command line. Each subcommand is a class of this package. */
@Command(
    name = "nudge",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Real-time personalised nudges: two-tower models, contextual bandits, evaluation.",
    subcommands = {
      CommandLine.HelpCommand.class,
      QuickstartCommand.class,
      DataCommand.class,
      ConfigCommand.class,
      SimulateCommand.class,
      ReportCommand.class,
      OpeCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      ServeCommand.class,
      RetrainCommand.class,
      RecommendCommand.class,
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams and returns the exit code (tests call this). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  /** The configured command tree. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          // Bad input is the user's to fix: say what and where, without a stack trace.
          if (e instanceof InputException) {
            commandLine.getErr().println("error: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reports the version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"nudge " + (v == null ? "development" : v)};
    }
  }
}
