package io.jwtguard.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package structure of the core, enforced (docs/architecture.md, "Packages"): no cycle
 * between packages, and each package uses only the packages listed for it. The engine
 * ({@code verify}) never depends on its wiring ({@code config}) or on the services beside it
 * ({@code issue}, {@code refresh}, {@code revocation}, {@code store}).
 */
class ArchitectureTest {
    private static final String CORE = "io.jwtguard.core";

    /** Package -> the other core packages it may use. A new package must be added here. */
    private static final Map<String, Set<String>> MAY_USE = Map.of(
            "jose", Set.of(),
            "availability", Set.of(),
            "store", Set.of("dpop", "availability"),
            "keys", Set.of("jose", "availability"),
            "verify", Set.of("jose", "keys", "availability"),
            "refresh", Set.of("store"),
            "revocation", Set.of("store", "refresh", "verify", "availability"),
            "issue", Set.of("jose", "keys", "verify", "availability", "refresh", "revocation", "store"),
            "dpop", Set.of("jose", "keys", "verify", "availability"),
            "config", Set.of("jose", "keys", "verify", "availability", "refresh", "revocation", "store", "issue",
                    "dpop"));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(CORE);

    @Test
    void corePackagesWhenAnalysedThenFreeOfCycles() {
        slices().matching(CORE + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    static Stream<String> packages() {
        return MAY_USE.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("packages")
    void packageWhenAnalysedThenUsesOnlyItsAllowedPackages(String pkg) {
        String[] forbidden = MAY_USE.keySet().stream()
                .filter(other -> !other.equals(pkg) && !MAY_USE.get(pkg).contains(other))
                .map(other -> CORE + "." + other + "..")
                .toArray(String[]::new);
        if (forbidden.length == 0) {
            return; // config may use every other package
        }
        noClasses().that().resideInAPackage(CORE + "." + pkg + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .because(pkg + " may use only " + new TreeSet<>(MAY_USE.get(pkg)) + " (docs/architecture.md)")
                .check(CLASSES);
    }

    @Test
    void corePackagesWhenListedThenEachHasADependencyRule() {
        Set<String> actual = CLASSES.stream().map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(CORE + "."))
                .map(name -> name.substring(CORE.length() + 1).split("\\.")[0])
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(actual).isEqualTo(new TreeSet<>(MAY_USE.keySet()));
    }
}
