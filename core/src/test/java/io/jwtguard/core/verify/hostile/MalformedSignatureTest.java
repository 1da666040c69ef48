package io.jwtguard.core.verify.hostile;

import static io.jwtguard.core.verify.hostile.HostileAssertions.assertAccepted;
import static io.jwtguard.core.verify.hostile.HostileAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signatures of the wrong shape: ECDSA all-zero or out-of-range r, s (CVE-2022-21449), ECDSA in
 * DER instead of R || S (RFC 7518 section 3.4), and RSA, Ed25519 and HMAC values of the wrong length.
 */
class MalformedSignatureTest {
    private final TokenVerifier verifier = TokenVerifier.create(TestConfigs.builder()
            .verificationKeys(VerificationKey.ofPublicKey(null, TestKeys.RSA_2048.getPublic()),
                    VerificationKey.ofPublicKey(null, TestKeys.EC_P256.getPublic()),
                    VerificationKey.ofPublicKey(null, TestKeys.EC_P384.getPublic()),
                    VerificationKey.ofPublicKey(null, TestKeys.EC_P521.getPublic()),
                    VerificationKey.ofPublicKey(null, TestKeys.ED25519.getPublic()),
                    VerificationKey.ofSecret(null, TestKeys.SECRET_32, false))
            .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256, JwsAlgorithm.ES256, JwsAlgorithm.ES384,
                    JwsAlgorithm.ES512, JwsAlgorithm.EdDSA, JwsAlgorithm.HS256))
            .issuer(TokenFactory.ISSUER)
            .audiences(Set.of(TokenFactory.AUDIENCE))
            .clock(TestConfigs.CLOCK)
            .build());

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "ES384", "ES512", "RS256", "EdDSA", "HS256"})
    void verifyWhenLegitimateSignatureThenAccepted(String alg) {
        assertAccepted(verifier, legit(alg));
    }

    /** Mutations of a valid ECDSA signature (R || S) that no valid signature can take. */
    static Stream<Arguments> ecdsaForgeries() {
        return Stream.of("ES256", "ES384", "ES512").flatMap(alg -> {
            int size = size(alg);
            BigInteger n = order(alg);
            BigInteger allOnes = BigInteger.ONE.shiftLeft(8 * size).subtract(BigInteger.ONE);
            return Stream.of(
                    forgery(alg, "all zero (CVE-2022-21449)", sig -> new byte[2 * size]),
                    forgery(alg, "r = 0", sig -> withR(sig, BigInteger.ZERO)),
                    forgery(alg, "s = 0", sig -> withS(sig, BigInteger.ZERO)),
                    forgery(alg, "r = n", sig -> withR(sig, n)),
                    forgery(alg, "s = n", sig -> withS(sig, n)),
                    forgery(alg, "r = s = n", sig -> Signatures.p1363(n, n, size)),
                    forgery(alg, "r = n + r", sig -> withR(sig, fitsOr(r(sig).add(n), size, allOnes))),
                    forgery(alg, "s = n + s", sig -> withS(sig, fitsOr(s(sig).add(n), size, allOnes))),
                    forgery(alg, "r all ones", sig -> withR(sig, allOnes)),
                    forgery(alg, "DER instead of R||S", Signatures::p1363ToDer),
                    forgery(alg, "truncated by one byte", sig -> Arrays.copyOf(sig, sig.length - 1)),
                    forgery(alg, "one zero byte appended", sig -> Arrays.copyOf(sig, sig.length + 1)),
                    forgery(alg, "one zero byte prepended", MalformedSignatureTest::prependZero),
                    forgery(alg, "R only", sig -> Arrays.copyOf(sig, size)));
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ecdsaForgeries")
    void verifyWhenEcdsaSignatureMalformedOrOutOfRangeThenInvalidSignature(String alg, String forgery,
            UnaryOperator<byte[]> mutate) {
        assertRejected(verifier, mutateSignature(legit(alg), mutate), RejectionReason.INVALID_SIGNATURE);
    }

    /**
     * The ECDSA checks are ours, not the JDK's: on an engine that still has CVE-2022-21449 and
     * accepts DER or a trailing byte, the same forgeries are refused. The engine is picked per
     * thread, so the verification runs on a fresh thread after the lenient provider is installed.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ecdsaForgeries")
    void verifyWhenJdkEcdsaIsVulnerableThenForgeriesStillInvalidSignature(String alg, String forgery,
            UnaryOperator<byte[]> mutate) throws Exception {
        String legit = legit(alg);
        String forged = mutateSignature(legit, mutate);

        Object[] outcome = withLenientJdkOnFreshThread(() -> {
            Signature engine = Signature.getInstance(jca(alg));
            engine.initVerify(keyPair(alg).getPublic());
            engine.update(new byte[] {1});
            boolean zeroAccepted = engine.verify(new byte[2 * size(alg)]);
            Object forgedOutcome = outcome(forged);
            Object legitOutcome = outcome(legit);
            return new Object[] {engine.getProvider().getName(), zeroAccepted, forgedOutcome, legitOutcome};
        });

        assertThat(outcome[0]).as("engine in use").isEqualTo(LenientSignatureProvider.NAME);
        assertThat(outcome[1]).as("the simulated JDK accepts (0, 0)").isEqualTo(true);
        assertThat(outcome[2]).as("forged token").isEqualTo(RejectionReason.INVALID_SIGNATURE);
        assertThat(outcome[3]).as("legitimate token").isEqualTo("accepted");
    }

    static Stream<Arguments> wrongLengths() {
        return Stream.of("RS256", "EdDSA", "HS256").flatMap(alg -> Stream.of(
                forgery(alg, "truncated by one byte", sig -> Arrays.copyOf(sig, sig.length - 1)),
                forgery(alg, "one zero byte appended", sig -> Arrays.copyOf(sig, sig.length + 1)),
                forgery(alg, "one zero byte prepended", MalformedSignatureTest::prependZero),
                forgery(alg, "half length", sig -> Arrays.copyOf(sig, sig.length / 2)),
                forgery(alg, "all zero", sig -> new byte[sig.length]),
                forgery(alg, "one byte", sig -> new byte[] {0})));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wrongLengths")
    void verifyWhenRsaEd25519OrHmacSignatureWrongLengthOrZeroThenInvalidSignature(String alg, String forgery,
            UnaryOperator<byte[]> mutate) {
        assertRejected(verifier, mutateSignature(legit(alg), mutate), RejectionReason.INVALID_SIGNATURE);
    }

    /**
     * The RSA length check is ours too: on an engine that tolerates extra leading zero bytes, a
     * signature of the wrong length is still refused.
     */
    @ParameterizedTest(name = "RS256 {1}")
    @MethodSource("rsaLengthForgeries")
    void verifyWhenJdkRsaIsLenientThenWrongLengthStillInvalidSignature(String alg, String forgery,
            UnaryOperator<byte[]> mutate) throws Exception {
        String legit = legit("RS256");
        String forged = mutateSignature(legit, mutate);

        Object[] outcome = withLenientJdkOnFreshThread(() -> {
            Signature engine = Signature.getInstance("SHA256withRSA");
            engine.initVerify(TestKeys.RSA_2048.getPublic());
            byte[] input = (HostileTokens.segments(legit)[0] + "." + HostileTokens.segments(legit)[1])
                    .getBytes(StandardCharsets.US_ASCII);
            engine.update(input);
            boolean forgedSignatureVerifies = engine.verify(Base64Url.decode(HostileTokens.segments(forged)[2]));
            return new Object[] {engine.getProvider().getName(), forgedSignatureVerifies, outcome(forged),
                    outcome(legit)};
        });

        assertThat(outcome[0]).as("engine in use").isEqualTo(LenientSignatureProvider.NAME);
        assertThat(outcome[1]).as("the simulated JDK accepts the wrong-length signature").isEqualTo(true);
        assertThat(outcome[2]).as("forged token").isEqualTo(RejectionReason.INVALID_SIGNATURE);
        assertThat(outcome[3]).as("legitimate token").isEqualTo("accepted");
    }

    static Stream<Arguments> rsaLengthForgeries() {
        return Stream.of(
                forgery("RS256", "one zero byte prepended", MalformedSignatureTest::prependZero),
                forgery("RS256", "two zero bytes prepended", sig -> prependZero(prependZero(sig))));
    }

    private Object outcome(String token) {
        try {
            verifier.verify(token);
            return "accepted";
        } catch (TokenRejectedException e) {
            return e.reason();
        }
    }

    private static <T> T withLenientJdkOnFreshThread(Callable<T> task) throws Exception {
        Security.insertProviderAt(new LenientSignatureProvider(), 1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(task).get();
        } finally {
            thread.shutdownNow();
            Security.removeProvider(LenientSignatureProvider.NAME);
        }
    }

    private static Arguments forgery(String alg, String name, UnaryOperator<byte[]> mutate) {
        return Arguments.of(alg, name, mutate);
    }

    private static String legit(String alg) {
        if (alg.equals("HS256")) {
            return HostileTokens.sign(TokenFactory.header(alg), HostileTokens.claims(), alg,
                    new SecretKeySpec(TestKeys.SECRET_32, "HmacSHA256"));
        }
        return HostileTokens.sign(TokenFactory.header(alg), HostileTokens.claims(), alg, keyPair(alg).getPrivate());
    }

    private static String mutateSignature(String token, UnaryOperator<byte[]> mutate) {
        byte[] signature = Base64Url.decode(HostileTokens.segments(token)[2]);
        return HostileTokens.withSegment(token, 2, Base64Url.encode(mutate.apply(signature)));
    }

    private static KeyPair keyPair(String alg) {
        switch (alg) {
            case "ES256": return TestKeys.EC_P256;
            case "ES384": return TestKeys.EC_P384;
            case "ES512": return TestKeys.EC_P521;
            case "EdDSA": return TestKeys.ED25519;
            default: return TestKeys.RSA_2048;
        }
    }

    private static String jca(String alg) {
        return "SHA" + alg.substring(2) + "withECDSAinP1363Format";
    }

    private static int size(String alg) {
        return JwsAlgorithm.valueOf(alg).sizeBytes();
    }

    private static BigInteger order(String alg) {
        return ((ECPublicKey) keyPair(alg).getPublic()).getParams().getOrder();
    }

    private static BigInteger r(byte[] sig) {
        return new BigInteger(1, sig, 0, sig.length / 2);
    }

    private static BigInteger s(byte[] sig) {
        return new BigInteger(1, sig, sig.length / 2, sig.length / 2);
    }

    private static byte[] withR(byte[] sig, BigInteger r) {
        return Signatures.p1363(r, s(sig), sig.length / 2);
    }

    private static byte[] withS(byte[] sig, BigInteger s) {
        return Signatures.p1363(r(sig), s, sig.length / 2);
    }

    private static BigInteger fitsOr(BigInteger value, int size, BigInteger fallback) {
        return value.bitLength() <= 8 * size ? value : fallback;
    }

    private static byte[] prependZero(byte[] sig) {
        byte[] out = new byte[sig.length + 1];
        System.arraycopy(sig, 0, out, 1, sig.length);
        return out;
    }
}
