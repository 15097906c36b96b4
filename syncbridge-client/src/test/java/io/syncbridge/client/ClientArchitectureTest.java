package io.syncbridge.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The client SDK's boundary (docs/ARCHITECTURE.md): it depends on the domain and the JDK, nothing else, and never on the server. */
@AnalyzeClasses(packages = "io.syncbridge.client", importOptions = ImportOption.DoNotIncludeTests.class)
class ClientArchitectureTest {

    @ArchTest
    static final ArchRule clientDependsOnlyOnTheDomainAndJava = classes()
            .that().resideInAPackage("io.syncbridge.client..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.syncbridge.domain..",
                    "io.syncbridge.client..");
}
