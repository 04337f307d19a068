package dev.finerouter.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The engine is a headless library with imports that flow one way: no JavaFX or AWT/Swing; no package cycles; the
 * stages (describe, embed, graph, cluster, train, eval, route) take the stage contract from {@code stage} and never
 * import the orchestrator ({@code pipeline}) or a face (CLI, benchmarks, server); what-if re-tuning ({@code whatif})
 * sits at the orchestration level and never imports a face either.
 */
class ArchitectureTest {
    /** Packages of the Stage-1/Stage-2 steps and the routing they produce. */
    static final String[] STAGES = {"..engine.describe..", "..engine.embed..", "..engine.graph..", "..engine.cluster..",
            "..engine.train..", "..engine.eval..", "..engine.route..", "..engine.stage..", "..engine.model..", "..engine.io..",
            "..engine.data.."};

    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.finerouter.engine");

    @Test
    void engineDoesNotTouchJavaFxOrAwt() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..", "org.controlsfx..")
                .check(engine);
    }

    @Test
    void enginePackagesAreFreeOfCycles() {
        slices().matching("dev.finerouter.engine.(*)..").should().beFreeOfCycles().check(engine);
    }

    @Test
    void theDecisionLogFormatAndDriftDoNotImportTheServer() {
        noClasses().that().resideInAnyPackage("..engine.decisionlog..", "..engine.drift..").should().dependOnClassesThat()
                .resideInAnyPackage("..engine.serve..", "..engine.cli..", "..engine.bench..")
                .check(engine);
    }

    @Test
    void whatIfReTuningDoesNotImportAFace() {
        noClasses().that().resideInAPackage("..engine.whatif..").should().dependOnClassesThat()
                .resideInAnyPackage("..engine.cli..", "..engine.bench..", "..engine.serve..")
                .check(engine);
    }

    @Test
    void stagesNeverImportTheOrchestratorOrAFace() {
        noClasses().that().resideInAnyPackage(STAGES).should().dependOnClassesThat()
                .resideInAnyPackage("..engine.pipeline..", "..engine.cli..", "..engine.bench..", "..engine.serve..")
                .check(engine);
    }
}
