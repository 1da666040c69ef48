package io.jwtguard.runtime.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompetingImplementationTest {
    @Test
    void ofWhenPayarasExtensionThenNamedPayara() {
        CompetingImplementation competitor =
                CompetingImplementation.of("fish.payara.microprofile.jwtauth.cdi.JwtAuthCdiExtension", true);

        assertThat(competitor.server()).isEqualTo("Payara");
        assertThat(competitor.source()).isEqualTo("fish.payara.microprofile.jwtauth.cdi.JwtAuthCdiExtension");
        assertThat(competitor.mechanism()).isTrue();
    }

    @Test
    void ofWhenTomeesExtensionThenNamedTomee() {
        assertThat(CompetingImplementation.of("org.apache.tomee.microprofile.jwt.cdi.MPJWTCDIExtension", false).server())
                .isEqualTo("TomEE");
    }

    @Test
    void ofWhenUnknownSourceThenGenericName() {
        assertThat(CompetingImplementation.of("com.example.MyJwtExtension", false).server())
                .isEqualTo("another MicroProfile JWT implementation");
    }
}
