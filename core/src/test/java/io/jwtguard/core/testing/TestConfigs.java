package io.jwtguard.core.testing;

import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.verify.VerifierConfigBuilder;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.VerificationKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

/** Configurations and a fixed clock shared by tests. */
public final class TestConfigs {
    /** The fixed "now" of every test: 2026-01-01T00:00:00Z. */
    public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    /** A clock fixed at {@link #NOW}. */
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private TestConfigs() {
    }

    /**
     * A builder trusting {@link TestKeys#RSA_2048} (no kid), issuer and audience of
     * {@link TokenFactory}, RS256 allowed, clock fixed at {@link #NOW}.
     */
    public static VerifierConfigBuilder rsa() {
        return VerifierConfig.builder()
                .verificationKeys(VerificationKey.ofPublicKey(null, TestKeys.RSA_2048.getPublic()))
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
                .issuer(TokenFactory.ISSUER)
                .audiences(Set.of(TokenFactory.AUDIENCE))
                .clock(CLOCK);
    }

    /** A valid RS256 token for {@link #rsa()}, issued 10 seconds before {@link #NOW}. */
    public static String validRs256() {
        return TokenFactory.sign(TokenFactory.header("RS256"), TokenFactory.claims(NOW.getEpochSecond() - 10),
                "RS256", TestKeys.RSA_2048.getPrivate());
    }
}
