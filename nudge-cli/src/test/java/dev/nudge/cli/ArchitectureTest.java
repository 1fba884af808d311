package dev.nudge.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency arrows of the architecture, checked on the compiled main classes. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.nudge");
  }

  @Test
  void layersDependOnlyDownwards() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("core")
        .definedBy("dev.nudge.core..", "dev.nudge.math..")
        .layer("data")
        .definedBy("dev.nudge.data..", "dev.nudge.features..")
        .layer("model")
        .definedBy("dev.nudge.model..")
        .layer("bandit")
        .definedBy("dev.nudge.bandit..")
        .layer("candidates")
        .definedBy("dev.nudge.candidates..")
        .layer("eval")
        .definedBy("dev.nudge.eval..")
        .layer("ranking")
        .definedBy("dev.nudge.ranking..")
        .layer("simulation")
        .definedBy("dev.nudge.simulation..")
        .layer("serve")
        .definedBy("dev.nudge.serve..")
        .layer("cli")
        .definedBy("dev.nudge.cli..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("serve")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("simulation")
        .mayOnlyBeAccessedByLayers("serve", "cli")
        .whereLayer("ranking")
        .mayOnlyBeAccessedByLayers("serve", "cli")
        .whereLayer("eval")
        .mayOnlyBeAccessedByLayers("ranking", "simulation", "serve", "cli")
        .whereLayer("candidates")
        .mayOnlyBeAccessedByLayers("ranking", "serve", "cli")
        .whereLayer("model")
        .mayOnlyBeAccessedByLayers("ranking", "simulation", "serve", "cli")
        .whereLayer("bandit")
        .mayOnlyBeAccessedByLayers("eval", "ranking", "simulation", "serve", "cli")
        .whereLayer("data")
        .mayOnlyBeAccessedByLayers(
            "model", "candidates", "eval", "ranking", "simulation", "serve", "cli")
        .check(classes);
  }

  @Test
  void onlyTheCommandLineWritesToTheConsole() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.nudge.cli..", "dev.nudge.core..")
        .should()
        .accessField(System.class, "out")
        .because("libraries report through return values, Progress or a logger; cli prints")
        .check(classes);
  }

  @Test
  void randomnessIsSeeded() {
    noClasses()
        .should()
        .callMethod(Math.class, "random")
        .orShould()
        .callConstructor(java.util.Random.class)
        .because("every random number comes from dev.nudge.core.Seeds")
        .check(classes);
  }
}
