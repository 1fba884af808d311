package dev.nudge.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nudge.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigsTest {
  @TempDir Path dir;

  /** A config record as modules write them: boxed components, defaults and checks. */
  record World(Integer users, Double noise, String name, Boolean drift, List<String> nudges) {
    static final int DEFAULT_USERS = 1_000;
    static final double DEFAULT_NOISE = 0.1;

    World {
      users = users == null ? DEFAULT_USERS : users;
      noise = noise == null ? DEFAULT_NOISE : noise;
      name = name == null ? "bank" : name;
      drift = drift != null && drift;
      nudges = nudges == null ? List.of("savings") : List.copyOf(nudges);
      if (users <= 0) {
        throw new IllegalArgumentException("users must be > 0, got " + users);
      }
      if (!(noise >= 0 && noise <= 1)) {
        throw new IllegalArgumentException("noise must be in [0, 1], got " + noise);
      }
    }
  }

  record Optimiser(Double rate) {
    Optimiser {
      rate = rate == null ? 0.01 : rate;
      if (rate <= 0) {
        throw new IllegalArgumentException("rate must be > 0, got " + rate);
      }
    }
  }

  record Train(Integer epochs, Optimiser optimiser) {
    Train {
      epochs = epochs == null ? 5 : epochs;
      optimiser = optimiser == null ? new Optimiser(null) : optimiser;
    }
  }

  @Test
  void missingKeysTakeTheRecordsDefaults() {
    assertThat(Configs.parse("", World.class))
        .isEqualTo(new World(1_000, 0.1, "bank", false, List.of("savings")));
    assertThat(Configs.parse("users: 5\nnoise: 0.5\ndrift: true\nnudges: [a, b]", World.class))
        .isEqualTo(new World(5, 0.5, "bank", true, List.of("a", "b")));
    assertThat(Configs.parse("noise: 1", World.class).noise()).isEqualTo(1.0);
    assertThat(Configs.parse("optimiser: {rate: 0.5}", Train.class))
        .isEqualTo(new Train(5, new Optimiser(0.5)));
  }

  @Test
  void anUnknownKeyIsNamedWithTheKnownKeys() {
    assertThatThrownBy(() -> Configs.parse("users: 5\nuserz: 6", World.class))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'userz'")
        .hasMessageContaining(
            "unknown key; known keys here are [drift, name, noise, nudges, users]");
    assertThatThrownBy(() -> Configs.parse("optimiser: {rat: 0.5}", Train.class))
        .hasMessageContaining("'optimiser.rat'")
        .hasMessageContaining("known keys here are [rate]");
  }

  @Test
  void aValueOfTheWrongTypeIsNamed() {
    for (String yaml :
        List.of("users: many", "users: '5'", "users: 2.5", "drift: 3", "nudges: x")) {
      assertThatThrownBy(() -> Configs.parse(yaml, World.class))
          .as(yaml)
          .isInstanceOf(InputException.class)
          .satisfies(e -> assertThat(((InputException) e).field()).contains(yaml.split(":")[0]));
    }
  }

  @Test
  void aValueTheRecordRejectsIsNamedWithTheRecordsReason() {
    assertThatThrownBy(() -> Configs.parse("noise: 2", World.class))
        .isInstanceOf(InputException.class)
        .hasMessage("'noise': noise must be in [0, 1], got 2.0")
        .satisfies(e -> assertThat(((InputException) e).field()).contains("noise"));
    assertThatThrownBy(() -> Configs.parse("optimiser:\n  rate: -1", Train.class))
        .hasMessage("'optimiser.rate': rate must be > 0, got -1.0");
  }

  @Test
  void sectionsAreBoundUnderTheirNameAndUnknownSectionsRejected() throws IOException {
    Path file = write("world:\n  users: 7\ntrain:\n  epochs: 3\n");
    ObjectNode root = Configs.readSections(file, Set.of("world", "train"));
    assertThat(Configs.section(root, "world", World.class, file).users()).isEqualTo(7);
    assertThat(Configs.section(root, "train", Train.class, file).epochs()).isEqualTo(3);
    assertThat(Configs.section(root, "absent", Train.class, file)).isEqualTo(new Train(null, null));

    Path typo = write("world:\n  users: 7\ntrian:\n  epochs: 3\n");
    assertThatThrownBy(() -> Configs.readSections(typo, Set.of("world", "train")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(typo.toString())
        .hasMessageContaining("'trian'")
        .hasMessageContaining("unknown section; known sections are [train, world]");

    Path badKey = write("world:\n  users: 7\n  noize: 0.2\n");
    ObjectNode tree = Configs.readSections(badKey, Set.of("world"));
    assertThatThrownBy(() -> Configs.section(tree, "world", World.class, badKey))
        .hasMessageContaining(badKey.toString())
        .hasMessageContaining("'world.noize'");
    Path badValue = write("world:\n  noise: -0.5\n");
    ObjectNode tree2 = Configs.readSections(badValue, Set.of("world"));
    assertThatThrownBy(() -> Configs.section(tree2, "world", World.class, badValue))
        .hasMessageContaining("'world.noise': noise must be in [0, 1], got -0.5");

    assertThatThrownBy(() -> Configs.readSections(write("- a\n- b\n"), Set.of("world")))
        .hasMessageContaining("expected a mapping of sections");
    assertThat(Configs.readSections(write(""), Set.of("world")).size()).isZero();
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> Configs.read(missing, World.class))
        .isInstanceOf(InputException.class)
        .hasMessage(missing + ": config file not found");
  }

  @Test
  void invalidYamlNamesTheLine() throws IOException {
    Path file = write("users: 5\nnoise: 0.2\nnudges: [a, b\nname: x\n");
    assertThatThrownBy(() -> Configs.read(file, World.class))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(file + ":")
        .hasMessageContaining("not valid YAML")
        .satisfies(e -> assertThat(((InputException) e).line()).isBetween(3L, 4L));
    Path tabs = write("users: 5\n\tnoise: 0.2\n");
    assertThatThrownBy(() -> Configs.read(tabs, World.class))
        .satisfies(e -> assertThat(((InputException) e).line()).isEqualTo(2));
    assertThatThrownBy(() -> Configs.parse("users: 5\n  noise: [\n", World.class))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("not valid YAML")
        .hasMessageContaining("line 2");
  }

  @Test
  void aDuplicateKeyIsRejected() {
    assertThatThrownBy(() -> Configs.parse("users: 5\nusers: 6\n", World.class))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("users");
  }

  @Test
  void writtenYamlReadsBackToTheSameRecord() throws IOException {
    World world = new World(12, 0.25, "card", true, List.of("a", "b"));
    String yaml = Configs.toYaml(world);
    assertThat(yaml).contains("users: 12").doesNotStartWith("---");
    assertThat(Configs.parse(yaml, World.class)).isEqualTo(world);
    assertThat(Configs.read(write(yaml), World.class)).isEqualTo(world);
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "config", ".yaml"), yaml);
  }
}
