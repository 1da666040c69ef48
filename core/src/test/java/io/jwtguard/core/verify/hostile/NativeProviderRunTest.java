package io.jwtguard.core.verify.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.testing.TestConfigs;
import org.junit.jupiter.api.Test;

/**
 * The hostile suite runs twice (core's pom): with the JDK's providers, and with
 * {@code AmazonCorrettoCryptoProvider} named by {@value TestConfigs#PROVIDER_PROPERTY}. This test
 * makes sure the second run really verifies with the native provider, not silently with the JDK.
 */
class NativeProviderRunTest {
    @Test
    void hostileVerifiersWhenRunUseTheProviderTheRunNames() {
        String named = System.getProperty(TestConfigs.PROVIDER_PROPERTY);
        var engines = HostileTokens.rsaVerifier().config().signatureEngines();
        if (named == null) {
            assertThat(engines.nativeProviderName()).isEmpty();
        } else {
            assertThat(engines.nativeProviderName()).contains(named);
            assertThat(engines.nativeAlgorithms()).containsExactlyInAnyOrder(JwsAlgorithm.values());
        }
    }
}
