package dev.finerouter.report;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The report module draws with headless java.awt only: no JavaFX, no Swing windows. */
class ArchitectureTest {
    private final JavaClasses report = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.finerouter.report");

    @Test
    void reportDoesNotTouchJavaFxOrSwing() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "javax.swing..", "org.controlsfx..", "org.graphstream..")
                .check(report);
    }
}
