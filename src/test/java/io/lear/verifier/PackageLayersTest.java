package io.lear.verifier;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code (README, Development): packages depend downward only, so reading {@code token} →
 * {@code client} → {@code credential} → {@code trust} → {@code keys} → {@code jose} follows a token request without
 * going back up. The root package is the composition root; nothing but the endpoints' annotations refers to it.
 */
class PackageLayersTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lear.verifier");

    static final ArchRule NO_CYCLES =
            slices().matching("io.lear.verifier.(*)..").should().beFreeOfCycles();

    static final ArchRule LAYERS = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Foundation")
            .definedBy(
                    "io.lear.verifier.jose..",
                    "io.lear.verifier.error..",
                    "io.lear.verifier.config..",
                    "io.lear.verifier.cache..",
                    "io.lear.verifier.http..")
            .layer("Keys")
            .definedBy("io.lear.verifier.keys..")
            .layer("Dpop")
            .definedBy("io.lear.verifier.dpop..")
            .layer("Trust")
            .definedBy("io.lear.verifier.trust..")
            .layer("Credential")
            .definedBy("io.lear.verifier.credential..")
            .layer("Client")
            .definedBy("io.lear.verifier.client..")
            .layer("Token")
            .definedBy("io.lear.verifier.token..")
            .layer("Endpoints")
            .definedBy("io.lear.verifier.discovery..", "io.lear.verifier.health..", "io.lear.verifier.sample..")
            .layer("Root")
            .definedBy("io.lear.verifier")
            .whereLayer("Foundation")
            .mayOnlyAccessLayers("Foundation")
            .whereLayer("Keys")
            .mayOnlyAccessLayers("Foundation")
            .whereLayer("Dpop")
            .mayOnlyAccessLayers("Foundation")
            .whereLayer("Trust")
            .mayOnlyAccessLayers("Foundation", "Keys")
            .whereLayer("Credential")
            .mayOnlyAccessLayers("Foundation", "Keys", "Trust")
            .whereLayer("Client")
            .mayOnlyAccessLayers("Foundation", "Keys", "Trust", "Credential")
            .whereLayer("Token")
            .mayOnlyAccessLayers("Foundation", "Keys", "Dpop", "Trust", "Credential", "Client")
            .whereLayer("Endpoints")
            .mayOnlyAccessLayers("Foundation", "Keys", "Dpop", "Trust", "Credential", "Client", "Token", "Root");

    /** Within the foundation: errors know nothing of JSON or JOSE, so JOSE parsing may raise them. */
    static final ArchRule ERRORS_AT_THE_BOTTOM = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .that()
            .resideInAPackage("io.lear.verifier.error..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.lear.verifier.jose..", "io.lear.verifier.config..");

    /**
     * The HTTP edge (JAX-RS resources, servlets, filters, mappers) lives in the endpoint packages ({@code token}'s
     * resource, {@code discovery}, {@code health}, {@code sample}), {@code http} and {@code error}; the checks below
     * them know nothing of HTTP, so they run the same in a unit test as in any server.
     */
    static final ArchRule NO_HTTP_IN_THE_CHECKS = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .that()
            .resideInAnyPackage(
                    "io.lear.verifier.keys..",
                    "io.lear.verifier.dpop..",
                    "io.lear.verifier.trust..",
                    "io.lear.verifier.credential..",
                    "io.lear.verifier.client..",
                    "io.lear.verifier.jose..",
                    "io.lear.verifier.config..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.ws.rs..", "jakarta.servlet..");

    @Test
    void httpEdgeStaysOutOfTheChecks() {
        NO_HTTP_IN_THE_CHECKS.check(MAIN);
    }

    @Test
    void packagesHaveNoCycles() {
        NO_CYCLES.check(MAIN);
    }

    @Test
    void packagesDependDownwardOnly() {
        LAYERS.check(MAIN);
    }

    @Test
    void errorsDependOnNothingOfOurs() {
        ERRORS_AT_THE_BOTTOM.check(MAIN);
    }
}
