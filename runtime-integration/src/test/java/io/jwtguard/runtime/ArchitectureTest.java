package io.jwtguard.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The runtime uses the core's public API only: never its JOSE internals (strict base64url and
 * JSON, ECDSA signature handling), which the core may change at any time.
 */
class ArchitectureTest {
    private static final JavaClasses RUNTIME = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jwtguard.runtime");

    @Test
    void runtimeWhenAnalysedThenDoesNotUseCoreJoseInternals() {
        noClasses().that().resideInAPackage("io.jwtguard.runtime..")
                .should().dependOnClassesThat().resideInAPackage("io.jwtguard.core.jose..")
                .because("the runtime uses the core's public API (io.jwtguard.core.verify.UnverifiedTokens for "
                        + "diagnostics), never its JOSE internals")
                .check(RUNTIME);
    }

    /**
     * Issue 15: an application on a server without MicroProfile Health must never load a class that
     * refers to its API; the CDI extension loads the health package by name only.
     */
    @Test
    void runtimeWhenAnalysedThenOnlyTheHealthPackageUsesTheHealthApiAndNothingUsesTheHealthPackage() {
        noClasses().that().resideOutsideOfPackage("io.jwtguard.runtime.health..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.microprofile.health..")
                .because("the Health API may be absent at run time")
                .check(RUNTIME);
        noClasses().that().resideOutsideOfPackage("io.jwtguard.runtime.health..")
                .should().dependOnClassesThat().resideInAPackage("io.jwtguard.runtime.health..")
                .because("JwtGuardExtension loads io.jwtguard.runtime.health.HealthChecks by name, only when the "
                        + "Health API is present")
                .check(RUNTIME);
    }
}
