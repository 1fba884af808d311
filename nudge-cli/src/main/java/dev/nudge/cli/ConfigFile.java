package dev.nudge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nudge.core.InputException;
import dev.nudge.core.config.Configs;
import dev.nudge.simulation.QuickstartConfig;
import dev.nudge.simulation.experiment.ExperimentConfig;
import dev.nudge.simulation.paper.SimulatorSettings;
import dev.nudge.simulation.world.WorldConfig;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Nudge's one config file: a YAML document whose top-level keys are sections, each bound strictly
 * to a record through {@link Configs}. Every section and key is optional; an unknown section, an
 * unknown key or a bad value fails naming it. To add a section, add one {@link Section} line to
 * {@link #SECTIONS}: {@code nudge config defaults} and {@code nudge config check} pick it up.
 */
final class ConfigFile {

  /**
   * One top-level section.
   *
   * @param name its key in the file
   * @param description one line saying what it configures
   * @param defaults the record with every default (its class is the section's schema)
   * @param help one line of help per key of the record
   */
  record Section(String name, String description, Object defaults, Map<String, String> help) {
    Section {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(defaults, "defaults");
      help = Map.copyOf(help);
    }
  }

  /** The known sections, in the order {@code config defaults} prints them. */
  static final List<Section> SECTIONS =
      List.of(
          new Section(
              "world",
              "the synthetic digital-banking world (docs/synthetic-world.md)",
              WorldConfig.defaults(),
              WorldConfig.HELP),
          new Section(
              "quickstart",
              "nudge quickstart: rounds and policy settings",
              QuickstartConfig.defaults(),
              QuickstartConfig.HELP),
          new Section(
              "simulate",
              "nudge simulate: the paper's protocol (trials, users, rounds, m, budget, policies)",
              ExperimentConfig.defaults(),
              ExperimentConfig.HELP),
          new Section(
              "simulator",
              "nudge simulate: the user-choice simulator and the encoder policies see",
              SimulatorSettings.defaults(),
              SimulatorSettings.HELP));

  private static final Pattern KEY_LINE = Pattern.compile("^([A-Za-z][A-Za-z0-9]*): ?(.*)$");

  private final Path file;
  private final ObjectNode root;

  private ConfigFile(Path file, ObjectNode root) {
    this.file = file;
    this.root = root;
  }

  /** Reads a file, rejecting unknown sections (keys are checked when a section is bound). */
  static ConfigFile read(Path file) {
    return new ConfigFile(file, Configs.readSections(file, sectionNames()));
  }

  /** No file: every section takes its defaults. */
  static ConfigFile defaults() {
    return new ConfigFile(null, Configs.yaml().createObjectNode());
  }

  /** {@link #read} when {@code file} is given, else {@link #defaults}. */
  static ConfigFile readOrDefaults(Path file) {
    return file == null ? defaults() : read(file);
  }

  static Set<String> sectionNames() {
    Set<String> names = new LinkedHashSet<>();
    SECTIONS.forEach(s -> names.add(s.name()));
    return names;
  }

  /** Binds one section to its record; a missing section gives the defaults. */
  <T> T section(String name, Class<T> type) {
    requireWholeNumbers(name);
    return Configs.section(root, name, type, file);
  }

  /**
   * Jackson truncates a fraction bound to an integer key ({@code users: 2.5} would give 2 users):
   * reject it instead, where the default of the key is a whole number.
   */
  private void requireWholeNumbers(String name) {
    JsonNode given = root.get(name);
    Section section = SECTIONS.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    if (section == null || given == null || !given.isObject()) {
      return;
    }
    JsonNode defaults = Configs.yaml().valueToTree(section.defaults());
    for (Map.Entry<String, JsonNode> field : given.properties()) {
      JsonNode expected = defaults.get(field.getKey());
      if (expected != null
          && expected.isIntegralNumber()
          && field.getValue().isFloatingPointNumber()) {
        throw InputException.forField(
            file,
            0,
            name + "." + field.getKey(),
            "must be a whole number, got " + field.getValue().asText());
      }
    }
  }

  /** Binds every known section, so that any bad key or value anywhere fails now. */
  void validate() {
    for (Section s : SECTIONS) {
      section(s.name(), s.defaults().getClass());
    }
  }

  /** The sections this file actually sets. */
  List<String> presentSections() {
    return SECTIONS.stream().map(Section::name).filter(root::has).toList();
  }

  /** The full default config as YAML, each key with its one-line help as a comment. */
  static String defaultsYaml() {
    StringBuilder out = new StringBuilder();
    out.append("# Nudge configuration. Every section and key is optional; missing ones take the\n")
        .append("# defaults shown here. Check a file with: nudge config check <file>\n");
    for (Section s : SECTIONS) {
      out.append("\n# ").append(s.description()).append('\n').append(s.name()).append(":\n");
      for (String line : Configs.toYaml(s.defaults()).split("\n")) {
        Matcher m = KEY_LINE.matcher(line);
        String help = m.matches() ? s.help().get(m.group(1)) : null;
        String entry = "  " + line;
        out.append(help == null ? entry : String.format("%-30s # %s", entry, help)).append('\n');
      }
    }
    return out.toString();
  }
}
