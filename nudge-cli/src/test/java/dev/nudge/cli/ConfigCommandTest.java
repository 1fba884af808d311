package dev.nudge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.config.Configs;
import dev.nudge.simulation.QuickstartConfig;
import dev.nudge.simulation.world.WorldConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
  @TempDir Path dir;

  @Test
  void defaultsDocumentEveryKeyAndReadBackAsTheDefaults() throws IOException {
    Run run = run("config", "defaults");
    assertThat(run.code).isZero();
    for (ConfigFile.Section s : ConfigFile.SECTIONS) {
      assertThat(run.out).contains("\n" + s.name() + ":\n");
      for (RecordComponent c : s.defaults().getClass().getRecordComponents()) {
        assertThat(s.help()).as(s.name() + "." + c.getName()).containsKey(c.getName());
        assertThat(run.out)
            .containsPattern(
                "\n  " + c.getName() + ": .*# " + Pattern.quote(s.help().get(c.getName())));
      }
    }
    Path file = write(run.out);
    assertThat(run("config", "check", file.toString()).out).startsWith("ok: ");
    ConfigFile read = ConfigFile.read(file);
    assertThat(read.section("world", WorldConfig.class)).isEqualTo(WorldConfig.defaults());
    assertThat(read.section("quickstart", QuickstartConfig.class))
        .isEqualTo(QuickstartConfig.defaults());
  }

  @Test
  void aPartialFileKeepsDefaultsForWhatItDoesNotSet() throws IOException {
    Path file = write("world:\n  nudges: 12\n  noise: 0.0\n");
    Run run = run("config", "check", file.toString());
    assertThat(run.code).isZero();
    assertThat(run.out).contains("sets [world]");
    WorldConfig world = ConfigFile.read(file).section("world", WorldConfig.class);
    assertThat(world.nudges()).isEqualTo(12);
    assertThat(world.noise()).isZero();
    assertThat(world.users()).isEqualTo(WorldConfig.DEFAULT_USERS);
    assertThat(Configs.toYaml(world)).contains("nudges: 12");
  }

  @Test
  void anUnknownSectionIsRejectedListingTheKnownOnes() throws IOException {
    Run run = run("config", "check", write("wrold:\n  users: 3\n").toString());
    assertThat(run.code).isEqualTo(2);
    assertThat(run.err).contains("'wrold'").contains("unknown section").contains("world");
  }

  @Test
  void anUnknownKeyIsRejectedNamingItsPath() throws IOException {
    Run run = run("config", "check", write("world:\n  nosie: 0.1\n").toString());
    assertThat(run.code).isEqualTo(2);
    assertThat(run.err).contains("'world.nosie'").contains("unknown key").contains("noise");
  }

  @Test
  void aBadValueIsRejectedNamingTheKeyAndTheRule() throws IOException {
    Run range = run("config", "check", write("quickstart:\n  epsilon: 1.5\n").toString());
    assertThat(range.code).isEqualTo(2);
    assertThat(range.err)
        .contains("'quickstart.epsilon'")
        .contains("epsilon must be in [0, 1], got 1.5");

    Run type = run("config", "check", write("world:\n  users: many\n").toString());
    assertThat(type.code).isEqualTo(2);
    assertThat(type.err).contains("'world.users'");

    Run fraction = run("config", "check", write("world:\n  users: 2.5\n").toString());
    assertThat(fraction.code).isEqualTo(2);
    assertThat(fraction.err).contains("'world.users'").contains("whole number, got 2.5");
  }

  @Test
  void brokenYamlAndMissingFilesSayWhere() throws IOException {
    Path broken = write("world:\n  users: [1,\n");
    Run run = run("config", "check", broken.toString());
    assertThat(run.code).isEqualTo(2);
    assertThat(run.err).contains(broken.toString()).contains("not valid YAML");

    Run missing = run("config", "check", dir.resolve("nope.yaml").toString());
    assertThat(missing.code).isEqualTo(2);
    assertThat(missing.err).contains("nope.yaml").contains("not found");
  }

  private Path write(String text) throws IOException {
    Path file = Files.createTempFile(dir, "config", ".yaml");
    Files.writeString(file, text);
    return file;
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n" + out + err;
    }
  }
}
