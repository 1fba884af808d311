package dev.nudge.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code nudge config}: prints the default config and checks config files. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Shows and checks Nudge's YAML config (docs/config.md).",
    subcommands = {ConfigCommand.Defaults.class, ConfigCommand.Check.class})
final class ConfigCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code nudge config defaults}: the full default YAML, commented. */
  @Command(
      name = "defaults",
      mixinStandardHelpOptions = true,
      description = "Prints the full default config, each key with its meaning.")
  static final class Defaults implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().print(ConfigFile.defaultsYaml());
      spec.commandLine().getOut().flush();
    }
  }

  /** {@code nudge config check FILE}: binds every section, failing on the first bad key. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = "Validates a config file: unknown sections or keys and bad values fail.")
  static final class Check implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the YAML config to check")
    Path file;

    @Override
    public Integer call() {
      ConfigFile config = ConfigFile.read(file);
      config.validate();
      spec.commandLine()
          .getOut()
          .printf(
              "ok: %s (sets %s; known sections: %s)%n",
              file,
              config.presentSections().isEmpty() ? "nothing" : config.presentSections(),
              ConfigFile.sectionNames());
      return 0;
    }
  }
}
