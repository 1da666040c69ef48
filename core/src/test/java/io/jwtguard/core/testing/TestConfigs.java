package io.jwtguard.core.testing;

import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.verify.VerifierConfigBuilder;
import io.jwtguard.core.jose.CryptoProviders;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.jose.SignatureEngines;
import io.jwtguard.core.keys.VerificationKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Configurations and a fixed clock shared by tests. */
public final class TestConfigs {
    /** The fixed "now" of every test: 2026-01-01T00:00:00Z. */
    public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    /** A clock fixed at {@link #NOW}. */
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /**
     * System property naming the JCA provider of {@link #builder()}'s verifiers: the hostile suite
     * runs once with the JDK and once with {@code AmazonCorrettoCryptoProvider} (core's pom, the
     * {@code native-crypto-hostile} surefire execution), and must take the same decisions.
     */
    public static final String PROVIDER_PROPERTY = "jwtguard.test.crypto.provider";

    private static final SignatureEngines ENGINES = System.getProperty(PROVIDER_PROPERTY) == null
            ? SignatureEngines.jdk()
            : CryptoProviders.select(Optional.of(System.getProperty(PROVIDER_PROPERTY)));

    private TestConfigs() {
    }

    /** @return the signature engines of this test run ({@link #PROVIDER_PROPERTY}) */
    public static SignatureEngines engines() {
        return ENGINES;
    }

    /** A new builder whose signatures are computed by {@link #engines()}. */
    public static VerifierConfigBuilder builder() {
        return VerifierConfig.builder().signatureEngines(ENGINES);
    }

    /**
     * A builder trusting {@link TestKeys#RSA_2048} (no kid), issuer and audience of
     * {@link TokenFactory}, RS256 allowed, clock fixed at {@link #NOW}.
     */
    public static VerifierConfigBuilder rsa() {
        return builder()
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
