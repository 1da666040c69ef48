package io.jwtguard.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.testing.LogCapture;
import org.junit.jupiter.api.Test;

class IgnoredKeyWarningsTest {
    private static final System.Logger LOG = System.getLogger(IgnoredKeyWarningsTest.class.getName());

    private static void ignore(IgnoredKeyWarnings warnings, String kid, String reason) {
        warnings.ignored(LOG, kid, reason, "kid ''{0}'' ignored: {1}", kid, reason);
    }

    @Test
    void ignoredWhenSameKidAndReasonAgainThenWarnsOnceThenDebug() {
        IgnoredKeyWarnings warnings = IgnoredKeyWarnings.oncePerKey();
        try (LogCapture logs = LogCapture.of(IgnoredKeyWarningsTest.class.getName())) {
            ignore(warnings, "enc", "use");
            ignore(warnings, "enc", "use");
            ignore(warnings, "enc", "alg");
            ignore(warnings, null, "use");
            ignore(warnings, null, "use");

            assertThat(logs.warnings()).containsExactly("kid 'enc' ignored: use", "kid 'enc' ignored: alg",
                    "kid 'null' ignored: use");
            assertThat(logs.messages()).hasSize(5);
        }
    }

    @Test
    void ignoredWhenReadOnceSourceThenEveryTimeAWarning() {
        IgnoredKeyWarnings warnings = IgnoredKeyWarnings.always();
        try (LogCapture logs = LogCapture.of(IgnoredKeyWarningsTest.class.getName())) {
            ignore(warnings, "enc", "use");
            ignore(warnings, "enc", "use");

            assertThat(logs.warnings()).hasSize(2);
        }
        assertThat(warnings.rememberedCount()).isZero();
    }

    @Test
    void ignoredWhenMoreKidsThanTheCapThenMemoryBoundedAndOneCapWarning() {
        IgnoredKeyWarnings warnings = IgnoredKeyWarnings.oncePerKey();
        try (LogCapture logs = LogCapture.of("io.jwtguard");
                LogCapture own = LogCapture.of(IgnoredKeyWarningsTest.class.getName())) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < IgnoredKeyWarnings.MAX_REMEMBERED + 500; i++) {
                    ignore(warnings, "kid-" + i, "use");
                }
            }

            assertThat(warnings.rememberedCount()).isEqualTo(IgnoredKeyWarnings.MAX_REMEMBERED);
            assertThat(own.warnings()).hasSize(IgnoredKeyWarnings.MAX_REMEMBERED);
            assertThat(logs.warnings()).filteredOn(w -> w.contains("More than")).hasSize(1);
        }
    }
}
