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
}
