package dev.finerouter.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The engine is a headless library with imports that flow one way: no JavaFX or AWT/Swing; no command line, HTTP
 * server or charts (picocli, Javalin and the cli and report modules stay out: docs/decisions/0018-cli-module.md); no
 * package cycles; the stages (describe, embed, graph, cluster, train, eval, route) take the stage contract from {@code
 * stage} and never import the orchestrator ({@code pipeline}), the routing service ({@code service}) or a face (the cli
 * module's CLI, benchmarks and server); what-if re-tuning ({@code whatif}), the decision log and drift never import a
 * face either.
 */
class ArchitectureTest {
    /** Packages of the Stage-1/Stage-2 steps and the routing they produce. */
    static final String[] STAGES = {"..engine.describe..", "..engine.embed..", "..engine.graph..", "..engine.cluster..",
            "..engine.train..", "..engine.eval..", "..engine.route..", "..engine.stage..", "..engine.model..", "..engine.io..",
            "..engine.data..", "..engine.knob.."};
    /** What the engine never imports: the cli module (CLI, benchmarks, server), the report module, picocli and Javalin. */
    static final String[] FACES = {"dev.finerouter.cli..", "dev.finerouter.report..", "picocli..", "io.javalin.."};

    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.finerouter.engine");

    @Test
    void engineDoesNotTouchJavaFxOrAwt() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..", "org.controlsfx..")
                .check(engine);
    }

    @Test
    void theEngineIsALibraryWithoutCliServerOrCharts() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(FACES).check(engine);
    }

    @Test
    void enginePackagesAreFreeOfCycles() {
        slices().matching("dev.finerouter.engine.(*)..").should().beFreeOfCycles().check(engine);
    }

    @Test
    void theDecisionLogFormatAndDriftDoNotImportTheServer() {
        noClasses().that().resideInAnyPackage("..engine.decisionlog..", "..engine.drift..").should().dependOnClassesThat()
                .resideInAnyPackage(FACES)
                .check(engine);
    }

    @Test
    void whatIfReTuningDoesNotImportAFace() {
        noClasses().that().resideInAPackage("..engine.whatif..").should().dependOnClassesThat()
                .resideInAnyPackage(FACES)
                .check(engine);
    }

    @Test
    void stagesNeverImportTheOrchestratorOrAFace() {
        noClasses().that().resideInAnyPackage(STAGES).should().dependOnClassesThat()
                .resideInAnyPackage("..engine.pipeline..", "..engine.service..", "dev.finerouter.cli..")
                .check(engine);
    }

    /** The knob definitions sit at the very base: every stage and face reads them, so they import nothing of the engine. */
    @Test
    void theKnobsImportNothingOfTheEngine() {
        classes().that().resideInAPackage("..engine.knob..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "..engine.knob..")
                .check(engine);
    }
}
