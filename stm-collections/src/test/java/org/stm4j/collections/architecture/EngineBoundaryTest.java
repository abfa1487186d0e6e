package org.stm4j.collections.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: the collections reach the engine only through its face ({@code org.stm4j.access}); no
 * class of {@code org.stm4j.collections..} (main code; white-box tests may) depends on
 * {@code org.stm4j.internal..}. The module descriptor enforces it for module-path builds; this rule
 * also holds on the class path, where nothing else would stop an import.
 */
class EngineBoundaryTest {

    @Test
    void collectionsDoNotImportTheEngine() {
        JavaClasses collections = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.stm4j.collections");
        ArchRule rule = noClasses().that().resideInAPackage("org.stm4j.collections..")
                .should().dependOnClassesThat().resideInAPackage("org.stm4j.internal..")
                .because("the engine is exported to no module: collections use org.stm4j.access (issue 16)");
        rule.check(collections);
    }
}
