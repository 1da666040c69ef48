package io.jwtguard.runtime.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MechanismDecisionTest {
    private static final MechanismDecision.Application NOTHING_NEEDS_IT = new MechanismDecision.Application(
            CallerObservers.NONE, false, List.of());

    private static RuntimeSettings settings(Map<String, String> properties) {
        return RuntimeSettings.load(name -> Optional.ofNullable(properties.get(name)));
    }

    @Test
    void decideWhenNothingNeedsTheContainersCallerThenNoMechanismIsRegistered() {
        MechanismDecision decision = MechanismDecision.decide(settings(Map.of()), NOTHING_NEEDS_IT);

        assertThat(decision.registered()).isFalse();
        assertThat(decision.reason()).contains("container-login=auto", "no Jakarta Security mechanism is registered");
    }

    @Test
    void decideWhenTheContainersCallerIsObservedThenTheMechanismIsRegisteredAndTheObserverNamed() {
        MechanismDecision decision = MechanismDecision.decide(settings(Map.of()), new MechanismDecision.Application(
                CallerObservers.of(List.of("java.security.Principal injected into a.B.principal")), false, List.of()));

        assertThat(decision.registered()).isTrue();
        assertThat(decision.reason()).contains("on every request", "a.B.principal");
    }

    @Test
    void decideWhenNothingWasInspectedThenTheMechanismIsRegistered() {
        MechanismDecision decision = MechanismDecision.decide(settings(Map.of()),
                new MechanismDecision.Application(CallerObservers.UNKNOWN, false, List.of()));

        assertThat(decision.registered()).isTrue();
    }

    @Test
    void decideWhenTheServerProvidesMicroProfileJwtThenTheMechanismTakesTheServersPlace() {
        MechanismDecision decision = MechanismDecision.decide(settings(Map.of()),
                new MechanismDecision.Application(CallerObservers.NONE, true, List.of()));

        assertThat(decision.registered()).isTrue();
        assertThat(decision.reason()).contains("the server provides MicroProfile JWT", "only where it protects");
    }

    @Test
    void decideWhenTheServletFilterIsOffOrNarrowThenTheMechanismRefusesBadTokensWhereTheFilterDoesNotRun() {
        MechanismDecision off = MechanismDecision.decide(settings(Map.of(RuntimeProperties.SERVLET_FILTER, "false")),
                NOTHING_NEEDS_IT);
        MechanismDecision narrow = MechanismDecision.decide(settings(Map.of(
                RuntimeProperties.SERVLET_FILTER_PATTERNS, "/api/*")), NOTHING_NEEDS_IT);
        MechanismDecision everything = MechanismDecision.decide(settings(Map.of(
                RuntimeProperties.SERVLET_FILTER_PATTERNS, "/api/*, /*")), NOTHING_NEEDS_IT);

        assertThat(off.registered()).isTrue();
        assertThat(off.reason()).contains(RuntimeProperties.SERVLET_FILTER + "=false");
        assertThat(narrow.registered()).isTrue();
        assertThat(narrow.reason()).contains(RuntimeProperties.SERVLET_FILTER_PATTERNS);
        assertThat(everything.registered()).isFalse();
    }

    @Test
    void decideWhenTheContainerProtectsRequestsItselfThenTheMechanismIsRegistered() {
        MechanismDecision decision = MechanismDecision.decide(settings(Map.of()), new MechanismDecision.Application(
                CallerObservers.NONE, false, List.of("@ServletSecurity on a.AdminServlet", "WEB-INF/web.xml: x")));

        assertThat(decision.registered()).isTrue();
        assertThat(decision.reason()).contains("protects requests itself (@ServletSecurity on a.AdminServlet; "
                + "WEB-INF/web.xml: x)");
    }

    @Test
    void decideWhenContainerLoginIsAlwaysOrProtectedThenTheMechanismIsRegisteredEvenIfNothingNeedsIt() {
        for (String mode : List.of("always", "protected")) {
            MechanismDecision decision = MechanismDecision.decide(settings(Map.of(RuntimeProperties.CONTAINER_LOGIN,
                    mode)), NOTHING_NEEDS_IT);

            assertThat(decision.registered()).as(mode).isTrue();
            assertThat(decision.reason()).isEqualTo(RuntimeProperties.CONTAINER_LOGIN + "=" + mode);
        }
    }

    @Test
    void decideWhenTheMechanismIsSwitchedOffThenItIsNeverRegistered() {
        MechanismDecision decision = MechanismDecision.decide(settings(Map.of(RuntimeProperties.SECURITY_MECHANISM,
                "false", RuntimeProperties.CONTAINER_LOGIN, "always")), new MechanismDecision.Application(
                CallerObservers.UNKNOWN, true, List.of("a.AdminServlet")));

        assertThat(decision.registered()).isFalse();
        assertThat(decision.reason()).isEqualTo(RuntimeProperties.SECURITY_MECHANISM + "=false");
    }

    @Test
    void beforeDiscoveryWhenAutoOnAServerWithoutItsOwnMpJwtThenTheApplicationsClassesDecide() {
        assertThat(MechanismDecision.beforeDiscovery(settings(Map.of()), false)).isEmpty();
    }

    @Test
    void beforeDiscoveryWhenTheServerProvidesMpJwtOrTheModeIsExplicitThenDecidedAtOnce() {
        assertThat(MechanismDecision.beforeDiscovery(settings(Map.of()), true))
                .hasValueSatisfying(decision -> assertThat(decision.registered()).isTrue());
        assertThat(MechanismDecision.beforeDiscovery(settings(Map.of(RuntimeProperties.CONTAINER_LOGIN, "protected")),
                false)).hasValueSatisfying(decision -> assertThat(decision.registered()).isTrue());
        assertThat(MechanismDecision.beforeDiscovery(settings(Map.of(RuntimeProperties.SECURITY_MECHANISM, "false")),
                true)).hasValueSatisfying(decision -> assertThat(decision.registered()).isFalse());
    }
}
