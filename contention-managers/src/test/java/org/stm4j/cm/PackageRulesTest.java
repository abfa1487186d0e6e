package org.stm4j.cm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * What the policies may use: stm-core's API and SPI ({@code org.stm4j}, {@code org.stm4j.spi}), the
 * JDK, Agrona and JSpecify; never the collections (the experiment runner that uses them is a module of
 * its own) and never the engine ({@code org.stm4j.internal}, which stm-core exports to nobody here).
 * The module descriptor already keeps the collections off the module path; this rule also holds on the
 * class path, where a jar could read anything.
 */
class PackageRulesTest {
    private static final JavaClasses POLICIES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.stm4j.cm");

    @Test
    void policiesUseNeitherTheCollectionsNorTheEngine() {
        ArchRule rule = noClasses().that().resideInAPackage("org.stm4j.cm..")
                .should().dependOnClassesThat().resideInAnyPackage("org.stm4j.collections..", "org.stm4j.internal..")
                .because("the policies artifact depends on stm-core's API and SPI only (issue 16)");
        rule.check(POLICIES);
    }
}
