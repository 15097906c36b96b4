package io.syncbridge.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rules of docs/ARCHITECTURE.md, checked on the compiled classes of every module. */
@AnalyzeClasses(packages = "io.syncbridge",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    /**
     * The modules' test-jars (contract suites, test clients) are on this module's test class path;
     * in a reactor build they are jars, which {@code DoNotIncludeTests} (test-classes folders) misses.
     */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    @ArchTest
    static final ArchRule domainDependsOnNothingButJava = classes()
            .that().resideInAPackage("io.syncbridge.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.syncbridge.domain..");

    /** The JDK's javax.crypto (java.base, for the password KDF) counts as Java; no third-party library does. */
    @ArchTest
    static final ArchRule coreDependsOnlyOnJavaAndTheDomain = classes()
            .that().resideInAnyPackage("io.syncbridge.port..", "io.syncbridge.application..",
                    "io.syncbridge.inmemory..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "io.syncbridge.domain..",
                    "io.syncbridge.port..", "io.syncbridge.application..", "io.syncbridge.inmemory..");

    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = slices()
            .matching("io.syncbridge.adapter.(*)..")
            .should().notDependOnEachOther();

    /** Adapters see the core through its ports (and the domain types those carry), never its services or fakes. */
    @ArchTest
    static final ArchRule adaptersReachTheCoreOnlyThroughPorts = noClasses()
            .that().resideInAPackage("io.syncbridge.adapter..")
            .should().dependOnClassesThat().resideInAnyPackage("io.syncbridge.application..", "io.syncbridge.inmemory..");

    /**
     * Adapters are plugged into each other by the app alone, through the ports they share. The load
     * generator, a measuring tool and not part of the server, reads frames with the gateway's own
     * JSON reader.
     */
    @ArchTest
    static final ArchRule onlyTheAppKnowsTheAdapters = noClasses()
            .that().resideOutsideOfPackages("io.syncbridge.app..", "io.syncbridge.adapter..", "io.syncbridge.loadgen..")
            .should().dependOnClassesThat().resideInAPackage("io.syncbridge.adapter..");

    /** adapter-jwt: tokens and keys with nimbus-jose-jwt, and nothing of the web or metrics. */
    @ArchTest
    static final ArchRule jwtAdapterUsesOnlyItsLibrary = classes()
            .that().resideInAPackage("io.syncbridge.adapter.jwt..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "com.nimbusds..",
                    "org.slf4j..", "io.syncbridge.domain..", "io.syncbridge.port..", "io.syncbridge.adapter.jwt..");

    /** adapter-micrometer: the registry, the runbooks' meters and the dependency checks, with Micrometer alone. */
    @ArchTest
    static final ArchRule micrometerAdapterUsesOnlyItsLibrary = classes()
            .that().resideInAPackage("io.syncbridge.adapter.micrometer..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.micrometer..", "io.prometheus..",
                    "org.slf4j..", "io.syncbridge.domain..", "io.syncbridge.port..",
                    "io.syncbridge.adapter.micrometer..");

    /**
     * adapter-javalin verifies tokens and exposes metrics through ports: no JWT library, no
     * Prometheus registry (it times its own handlers with Micrometer's API on the registry it is given).
     */
    @ArchTest
    static final ArchRule javalinAdapterLeavesTokensAndExpositionToTheirAdapters = noClasses()
            .that().resideInAPackage("io.syncbridge.adapter.javalin..")
            .should().dependOnClassesThat().resideInAnyPackage("com.nimbusds..", "io.micrometer.prometheusmetrics..",
                    "io.prometheus..");

    @ArchTest
    static final ArchRule nothingButTheAppDependsOnTheApp = noClasses()
            .that().resideOutsideOfPackage("io.syncbridge.app..")
            .should().dependOnClassesThat().resideInAPackage("io.syncbridge.app..");
}
