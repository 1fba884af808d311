package dev.nudge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OpeCommandTest {
  private static final Path OBD =
      Path.of(System.getProperty("nudge.data.dir", "../shared/data")).resolve("obd-sample");

  @Test
  void estimatesTheThompsonPolicyOfTheOpenBanditDatasetAsJson() throws Exception {
    ConfigCommandTest.Run run =
        ConfigCommandTest.run(
            "ope",
            "--log",
            OBD.resolve("random/men").toString(),
            "--target-log",
            OBD.resolve("bts/men").toString(),
            "--format",
            "obd",
            "--bootstrap",
            "50",
            "--json");
    assertThat(run.code()).as(run.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("onPolicyValue").asDouble()).isEqualTo(0.0069);
    for (String estimator : new String[] {"ips", "snips", "dm", "dr", "replay"}) {
      JsonNode e = json.get(estimator);
      assertThat(e.get("lower").asDouble()).isLessThanOrEqualTo(e.get("upper").asDouble());
      assertThat(e.has("relativeError")).isTrue();
    }
    assertThat(Math.abs(json.get("dr").get("relativeError").asDouble())).isLessThan(0.5);
  }

  @Test
  void aPolicySpecIsEvaluatedAndBadInputIsNamed() {
    ConfigCommandTest.Run run =
        ConfigCommandTest.run(
            "ope",
            "--log",
            OBD.resolve("random/men").toString(),
            "--format",
            "obd",
            "--policy",
            "random",
            "--bootstrap",
            "20",
            "--samples",
            "20");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("| dr |").contains("target: random");

    run =
        ConfigCommandTest.run(
            "ope",
            "--log",
            OBD.resolve("random/men").toString(),
            "--format",
            "obd",
            "--policy",
            "random",
            "--reward-model",
            "forest");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--reward-model").contains("forest");

    run =
        ConfigCommandTest.run(
            "ope", "--log", OBD.resolveSibling("ml-100k").toString(), "--policy", "random");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("no propensities");
  }
}
