package io.jwtguard.core.dpop;

import static io.jwtguard.core.dpop.Proofs.b64;
import static io.jwtguard.core.dpop.Proofs.claims;
import static io.jwtguard.core.dpop.Proofs.header;
import static io.jwtguard.core.dpop.Proofs.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.jose.StrictJson;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DPoPProofVerifierTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final long IAT = NOW.getEpochSecond();
    private static final String URI = "https://api.example.com/orders/42";
    private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    private static final KeyPair EC = Proofs.ec("secp256r1");
    private static final String JKT = thumbprint(EC);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final DPoPSettings settings = DPoPSettings.DEFAULT.withMode(DPoPMode.ALLOWED);
    private final DPoPProofVerifier verifier = new DPoPProofVerifier(settings,
            new InMemoryReplayCache(1000, clock, Duration.ofSeconds(5)), clock);

    static String thumbprint(KeyPair pair) {
        try {
            return ProofKey.of(StrictJson.parseObject(Proofs.jwk(pair.getPublic()))).thumbprint();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private DPoPProof verify(String proof) {
        return verifier.verify(List.of(proof), "GET", URI, TOKEN, Optional.of(JKT));
    }

    private static void refused(ThrowingCallable call, DPoPRefusal reason) {
        assertThatThrownBy(call).isInstanceOf(DPoPProofException.class)
                .extracting(e -> ((DPoPProofException) e).reason()).isEqualTo(reason);
    }

    private static String valid() {
        return Proofs.proof(EC, "ES256", "GET", URI, IAT, TOKEN);
    }

    @Test
    void verifyWhenProofValidThenAcceptedWithThumbprint() {
        DPoPProof proof = verify(valid());
        assertThat(proof.thumbprint()).isEqualTo(JKT);
        assertThat(proof.algorithm()).isEqualTo(JwsAlgorithm.ES256);
        assertThat(proof.issuedAt()).isEqualTo(NOW);
    }

    @Test
    void verifyWhenOtherAlgorithmsAndKeysThenAccepted() {
        for (Object[] c : new Object[][] {{Proofs.ec("secp384r1"), "ES384"}, {Proofs.ec("secp521r1"), "ES512"},
                {Proofs.rsa(2048), "RS256"}, {Proofs.rsa(2048), "PS256"}, {Proofs.ed25519(), "EdDSA"}}) {
            KeyPair pair = (KeyPair) c[0];
            String proof = Proofs.proof(pair, (String) c[1], "GET", URI, IAT, TOKEN);
            assertThat(verifier.verify(List.of(proof), "GET", URI, TOKEN, Optional.of(thumbprint(pair))).thumbprint())
                    .isEqualTo(thumbprint(pair));
        }
    }

    private static final String TOKEN_ENDPOINT = "https://login.example.com/oauth/token";

    @Test
    void verifyTokenRequestWhenProofValidWithoutAthThenAcceptedOnceWithThumbprint() {
        String proof = Proofs.proof(EC, "ES256", "POST", TOKEN_ENDPOINT, IAT, null);

        DPoPProof accepted = verifier.verifyTokenRequest(List.of(proof), "POST", TOKEN_ENDPOINT);

        assertThat(accepted.thumbprint()).isEqualTo(JKT);
        refused(() -> verifier.verifyTokenRequest(List.of(proof), "POST", TOKEN_ENDPOINT),
                DPoPRefusal.DPOP_PROOF_REPLAYED);
    }

    @Test
    void verifyTokenRequestWhenProofForAnotherMethodUriOrTooOldOrMissingThenRefused() {
        refused(() -> verifier.verifyTokenRequest(List.of(Proofs.proof(EC, "ES256", "GET", TOKEN_ENDPOINT, IAT, null)),
                "POST", TOKEN_ENDPOINT), DPoPRefusal.DPOP_PROOF_METHOD);
        refused(() -> verifier.verifyTokenRequest(List.of(Proofs.proof(EC, "ES256", "POST", URI, IAT, null)),
                "POST", TOKEN_ENDPOINT), DPoPRefusal.DPOP_PROOF_URI);
        refused(() -> verifier.verifyTokenRequest(List.of(Proofs.proof(EC, "ES256", "POST", TOKEN_ENDPOINT,
                IAT - 600, null)), "POST", TOKEN_ENDPOINT), DPoPRefusal.DPOP_PROOF_STALE);
        refused(() -> verifier.verifyTokenRequest(List.of(), "POST", TOKEN_ENDPOINT), DPoPRefusal.DPOP_PROOF_MISSING);
    }

    @Test
    void verifyWhenNoProofThenMissing() {
        refused(() -> verifier.verify(List.of(), "GET", URI, TOKEN, Optional.of(JKT)), DPoPRefusal.DPOP_PROOF_MISSING);
        refused(() -> verify(" "), DPoPRefusal.DPOP_PROOF_MISSING);
    }

    @Test
    void verifyWhenTwoProofsThenMultiple() {
        refused(() -> verifier.verify(List.of(valid(), valid()), "GET", URI, TOKEN, Optional.of(JKT)),
                DPoPRefusal.DPOP_PROOF_MULTIPLE);
        refused(() -> verify(valid() + ", " + valid()), DPoPRefusal.DPOP_PROOF_MULTIPLE);
    }

    @Test
    void verifyWhenOversizeThenRefusedBeforeDecoding() {
        refused(() -> verify("a".repeat(settings.maxProofSize() + 1)), DPoPRefusal.DPOP_PROOF_SIZE_EXCEEDED);
        refused(() -> verify("a".repeat(100_000)), DPoPRefusal.DPOP_PROOF_SIZE_EXCEEDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a.b", "a..c", ".b.c", "a.b.", "a.b.c.d", "a.b.c.d.e"})
    void verifyWhenNotThreePartsThenMalformed(String proof) {
        refused(() -> verify(proof), DPoPRefusal.DPOP_PROOF_MALFORMED);
    }

    @Test
    void verifyWhenBase64NotCanonicalThenMalformed() {
        String proof = valid();
        int dot = proof.indexOf('.');
        refused(() -> verify(proof.substring(0, dot) + "=" + proof.substring(dot)), DPoPRefusal.DPOP_PROOF_MALFORMED);
        refused(() -> verify(proof.replace('-', '+').replace('_', '/') + "+/"), DPoPRefusal.DPOP_PROOF_MALFORMED);
        refused(() -> verify(proof + "="), DPoPRefusal.DPOP_PROOF_MALFORMED);
    }

    @Test
    void verifyWhenHeaderNotJsonOrDuplicateMemberThenMalformed() {
        String claims = claims("GET", URI, IAT, "j1", TOKEN);
        refused(() -> verify(sign("{\"typ\":\"dpop+jwt\",", claims, EC.getPrivate(), "ES256")),
                DPoPRefusal.DPOP_PROOF_MALFORMED);
        String duplicateTyp = "{\"typ\":\"JWT\",\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":"
                + Proofs.jwk(EC.getPublic()) + "}";
        refused(() -> verify(sign(duplicateTyp, claims, EC.getPrivate(), "ES256")), DPoPRefusal.DPOP_PROOF_MALFORMED);
        String duplicateClaim = "{\"jti\":\"a\",\"jti\":\"b\",\"htm\":\"GET\",\"htu\":\"" + URI + "\",\"iat\":"
                + IAT + ",\"ath\":\"" + DPoPProofVerifier.accessTokenHash(TOKEN) + "\"}";
        refused(() -> verify(sign(header("ES256", EC.getPublic()), duplicateClaim, EC.getPrivate(), "ES256")),
                DPoPRefusal.DPOP_PROOF_MALFORMED);
        refused(() -> verify(sign(header("ES256", EC.getPublic()), "[1]", EC.getPrivate(), "ES256")),
                DPoPRefusal.DPOP_PROOF_MALFORMED);
        // a repeated member inside the jwk: two readings of the key (and of its thumbprint)
        String jwk = Proofs.jwk(EC.getPublic());
        String twoX = jwk.replace("{\"kty\"", "{\"x\":\"AAAA\",\"kty\"");
        refused(() -> verify(sign("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + twoX + "}", claims,
                EC.getPrivate(), "ES256")), DPoPRefusal.DPOP_PROOF_MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"JWT\"", "\"at+jwt\"", "\"DPOP+JWT\"", "\"application/dpop+jwt\"", "1", "null"})
    void verifyWhenTypNotDpopJwtThenType(String typ) {
        String headerJson = "{\"typ\":" + typ + ",\"alg\":\"ES256\",\"jwk\":" + Proofs.jwk(EC.getPublic()) + "}";
        refused(() -> verify(sign(headerJson, claims("GET", URI, IAT, "j", TOKEN), EC.getPrivate(), "ES256")),
                DPoPRefusal.DPOP_PROOF_TYPE);
        String noTyp = "{\"alg\":\"ES256\",\"jwk\":" + Proofs.jwk(EC.getPublic()) + "}";
        refused(() -> verify(sign(noTyp, claims("GET", URI, IAT, "j", TOKEN), EC.getPrivate(), "ES256")),
                DPoPRefusal.DPOP_PROOF_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE"})
    void verifyWhenAlgNoneThenAlgorithm(String none) {
        String unsecured = b64("{\"typ\":\"dpop+jwt\",\"alg\":\"" + none + "\",\"jwk\":" + Proofs.jwk(EC.getPublic())
                + "}") + "." + b64(claims("GET", URI, IAT, "j", TOKEN)) + ".AA";
        refused(() -> verify(unsecured), DPoPRefusal.DPOP_PROOF_ALGORITHM);
    }

    @Test
    void verifyWhenHmacProofThenAlgorithm() throws Exception {
        String headerJson = "{\"typ\":\"dpop+jwt\",\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}}";
        String input = b64(headerJson) + "." + b64(claims("GET", URI, IAT, "j", TOKEN));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("secret".getBytes(), "HmacSHA256"));
        String proof = input + "." + b64(mac.doFinal(input.getBytes()));
        refused(() -> verify(proof), DPoPRefusal.DPOP_PROOF_ALGORITHM);
        // HS256 with the proof's public EC key as the "secret": still refused by the algorithm
        String confused = b64(header("HS256", EC.getPublic())) + "." + b64(claims("GET", URI, IAT, "j", TOKEN)) + ".AA";
        refused(() -> verify(confused), DPoPRefusal.DPOP_PROOF_ALGORITHM);
    }

    @Test
    void verifyWhenAlgorithmNotInAllowListThenAlgorithm() {
        DPoPProofVerifier esOnly = new DPoPProofVerifier(new DPoPSettings(DPoPMode.ALLOWED,
                EnumSet.of(JwsAlgorithm.ES256), Duration.ofSeconds(60), Duration.ofSeconds(30), 8192, Optional.empty(),
                10), new InMemoryReplayCache(10, clock, Duration.ofSeconds(1)), clock);
        KeyPair rsa = Proofs.rsa(2048);
        refused(() -> esOnly.verify(List.of(Proofs.proof(rsa, "RS256", "GET", URI, IAT, TOKEN)), "GET", URI, TOKEN,
                Optional.of(thumbprint(rsa))), DPoPRefusal.DPOP_PROOF_ALGORITHM);
        assertThat(esOnly.verify(List.of(valid()), "GET", URI, TOKEN, Optional.of(JKT)).thumbprint()).isEqualTo(JKT);
        refused(() -> verify(b64("{\"typ\":\"dpop+jwt\",\"alg\":\"XS256\"}") + ".e30.AA"),
                DPoPRefusal.DPOP_PROOF_ALGORITHM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"d", "p", "q", "dp", "dq", "qi", "k", "oth"})
    void verifyWhenJwkHasPrivateMemberThenKey(String member) {
        String jwk = Proofs.jwk(EC.getPublic());
        jwk = jwk.substring(0, jwk.length() - 1) + ",\"" + member + "\":\"AQAB\"}";
        String headerJson = "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + jwk + "}";
        refused(() -> verify(sign(headerJson, claims("GET", URI, IAT, "j", TOKEN), EC.getPrivate(), "ES256")),
                DPoPRefusal.DPOP_PROOF_KEY);
    }

    @Test
    void verifyWhenJwkMissingOrUnusableThenKey() {
        String claims = claims("GET", URI, IAT, "j", TOKEN);
        refused(() -> verify(sign("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\"}", claims, EC.getPrivate(), "ES256")),
                DPoPRefusal.DPOP_PROOF_KEY);
        refused(() -> verify(sign("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":\"x\"}", claims, EC.getPrivate(),
                "ES256")), DPoPRefusal.DPOP_PROOF_KEY);
        // a P-256 point moved off the curve
        String jwk = Proofs.jwk(EC.getPublic());
        String y = jwk.substring(jwk.indexOf("\"y\":\"") + 5, jwk.lastIndexOf('"'));
        String offCurve = jwk.replace(y, (y.charAt(0) == 'A' ? 'B' : 'A') + y.substring(1));
        refused(() -> verify(sign("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + offCurve + "}", claims,
                EC.getPrivate(), "ES256")), DPoPRefusal.DPOP_PROOF_KEY);
    }

    @Test
    void verifyWhenKeyDoesNotFitAlgorithmThenKey() {
        KeyPair p384 = Proofs.ec("secp384r1");
        // ES256 header with a P-384 key
        String headerJson = header("ES256", p384.getPublic());
        refused(() -> verify(sign(headerJson, claims("GET", URI, IAT, "j", TOKEN), EC.getPrivate(), "ES256")),
                DPoPRefusal.DPOP_PROOF_KEY);
        // RS256 header with an EC key
        refused(() -> verify(b64(header("RS256", EC.getPublic())) + "." + b64(claims("GET", URI, IAT, "j", TOKEN))
                + ".AA"), DPoPRefusal.DPOP_PROOF_KEY);
    }

    @Test
    void verifyWhenRsaKeyUnder2048BitsThenKey() {
        KeyPair small = Proofs.rsa(1024);
        refused(() -> verifier.verify(List.of(Proofs.proof(small, "RS256", "GET", URI, IAT, TOKEN)), "GET", URI, TOKEN,
                Optional.empty()), DPoPRefusal.DPOP_PROOF_KEY);
    }

    @Test
    void verifyWhenRsaExponentOrModulusAbusiveThenKey() {
        KeyPair rsa = Proofs.rsa(2048);
        String jwk = Proofs.jwk(rsa.getPublic());
        String claims = claims("GET", URI, IAT, "j", TOKEN);
        // a 3000-bit exponent turns every verification into a private-key-sized operation
        String hugeExponent = jwk.replace("\"e\":\"AQAB\"", "\"e\":\"" + b64(new java.math.BigInteger(3000,
                new java.util.Random(1)).setBit(0).setBit(2999).toByteArray()) + "\"");
        refused(() -> verify(sign("{\"typ\":\"dpop+jwt\",\"alg\":\"RS256\",\"jwk\":" + hugeExponent + "}", claims,
                rsa.getPrivate(), "RS256")), DPoPRefusal.DPOP_PROOF_KEY);
        String evenExponent = jwk.replace("\"e\":\"AQAB\"", "\"e\":\"AQAA\"");
        refused(() -> verify(sign("{\"typ\":\"dpop+jwt\",\"alg\":\"RS256\",\"jwk\":" + evenExponent + "}", claims,
                rsa.getPrivate(), "RS256")), DPoPRefusal.DPOP_PROOF_KEY);
        String hugeModulus = "{\"kty\":\"RSA\",\"n\":\"" + b64(new java.math.BigInteger(8200, new java.util.Random(2))
                .setBit(8199).setBit(0).toByteArray()) + "\",\"e\":\"AQAB\"}";
        refused(() -> verify(b64("{\"typ\":\"dpop+jwt\",\"alg\":\"RS256\",\"jwk\":" + hugeModulus + "}") + "."
                + b64(claims) + ".AA"), DPoPRefusal.DPOP_PROOF_KEY);
    }

    @Test
    void verifyWhenSignatureWrongThenSignature() {
        KeyPair other = Proofs.ec("secp256r1");
        // signed by another key than the one in the header
        refused(() -> verify(sign(header("ES256", EC.getPublic()), claims("GET", URI, IAT, "j", TOKEN),
                other.getPrivate(), "ES256")), DPoPRefusal.DPOP_PROOF_SIGNATURE);
        // all-zero ECDSA signature (CVE-2022-21449)
        String proof = valid();
        String zero = proof.substring(0, proof.lastIndexOf('.') + 1) + b64(new byte[64]);
        refused(() -> verify(zero), DPoPRefusal.DPOP_PROOF_SIGNATURE);
        // claims changed after signing
        String[] parts = proof.split("\\.");
        String tampered = parts[0] + "." + b64(claims("POST", URI, IAT, "j", TOKEN)) + "." + parts[2];
        refused(() -> verify(tampered), DPoPRefusal.DPOP_PROOF_SIGNATURE);
    }

    @Test
    void verifyWhenMethodDiffersThenMethod() {
        refused(() -> verify(Proofs.proof(EC, "ES256", "POST", URI, IAT, TOKEN)), DPoPRefusal.DPOP_PROOF_METHOD);
        refused(() -> verify(Proofs.proof(EC, "ES256", "get", URI, IAT, TOKEN)), DPoPRefusal.DPOP_PROOF_METHOD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example.com/orders/42", "HTTPS://API.Example.COM/orders/42",
        "https://api.example.com:443/orders/42", "https://api.example.com/orders/42?x=1",
        "https://api.example.com/orders/42#frag", "https://api.example.com/orders/./42",
        "https://api.example.com/a/../orders/42", "https://api.example.com/%6Frders/42"})
    void verifyWhenHtuEqualAfterNormalisationThenAccepted(String htu) {
        assertThat(verify(Proofs.proof(EC, "ES256", "GET", htu, IAT, TOKEN)).thumbprint()).isEqualTo(JKT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example.com/orders/43", "http://api.example.com/orders/42",
        "https://api.example.com:8443/orders/42", "https://evil.example.com/orders/42",
        "https://api.example.com/Orders/42", "https://api.example.com/orders/42/",
        "https://api.example.com/orders%2F42", "https://user@api.example.com/orders/42", "/orders/42",
        "ftp://api.example.com/orders/42", "https://api.example.com/orders/%zz", "not a uri"})
    void verifyWhenHtuDiffersThenUri(String htu) {
        refused(() -> verify(Proofs.proof(EC, "ES256", "GET", htu, IAT, TOKEN)), DPoPRefusal.DPOP_PROOF_URI);
    }

    @Test
    void verifyWhenRequestUriHasDefaultPortOrEncodingCaseThenMatches() {
        String proof = Proofs.proof(EC, "ES256", "GET", "https://api.example.com/a%2fb", IAT, TOKEN);
        assertThat(verifier.verify(List.of(proof), "GET", "https://api.example.com:443/a%2Fb?q", TOKEN,
                Optional.of(JKT)).thumbprint()).isEqualTo(JKT);
    }

    @Test
    void verifyWhenIatOutsideWindowThenStaleOrFuture() {
        long maxAge = settings.proofMaxAge().toSeconds();
        long skew = settings.clockSkew().toSeconds();
        assertThat(verify(Proofs.proof(EC, "ES256", "GET", URI, IAT - maxAge - skew, TOKEN))).isNotNull();
        assertThat(verify(Proofs.proof(EC, "ES256", "GET", URI, IAT + skew, TOKEN))).isNotNull();
        refused(() -> verify(Proofs.proof(EC, "ES256", "GET", URI, IAT - maxAge - skew - 1, TOKEN)),
                DPoPRefusal.DPOP_PROOF_STALE);
        refused(() -> verify(Proofs.proof(EC, "ES256", "GET", URI, IAT + skew + 1, TOKEN)),
                DPoPRefusal.DPOP_PROOF_FUTURE);
    }

    @Test
    void verifyWhenClaimsMissingOrMistypedThenMalformed() {
        String ath = DPoPProofVerifier.accessTokenHash(TOKEN);
        for (String claims : new String[] {
            "{\"htm\":\"GET\",\"htu\":\"" + URI + "\",\"iat\":" + IAT + ",\"ath\":\"" + ath + "\"}",
            "{\"jti\":\"\",\"htm\":\"GET\",\"htu\":\"" + URI + "\",\"iat\":" + IAT + ",\"ath\":\"" + ath + "\"}",
            "{\"jti\":\"" + "x".repeat(257) + "\",\"htm\":\"GET\",\"htu\":\"" + URI + "\",\"iat\":" + IAT + "}",
            "{\"jti\":\"j\",\"htu\":\"" + URI + "\",\"iat\":" + IAT + "}",
            "{\"jti\":\"j\",\"htm\":\"GET\",\"iat\":" + IAT + "}",
            "{\"jti\":\"j\",\"htm\":\"GET\",\"htu\":\"" + URI + "\"}",
            "{\"jti\":\"j\",\"htm\":\"GET\",\"htu\":\"" + URI + "\",\"iat\":\"" + IAT + "\"}",
            "{\"jti\":\"j\",\"htm\":\"GET\",\"htu\":\"" + URI + "\",\"iat\":" + IAT + ".5}",
            "{\"jti\":\"j\",\"htm\":\"GET\",\"htu\":\"" + URI + "\",\"iat\":1e400}",
            "{\"jti\":7,\"htm\":\"GET\",\"htu\":\"" + URI + "\",\"iat\":" + IAT + "}",
            "{\"jti\":\"j\",\"htm\":\"GET\",\"htu\":\"" + URI + "\",\"iat\":" + IAT + ",\"ath\":1}"}) {
            refused(() -> verify(sign(header("ES256", EC.getPublic()), claims, EC.getPrivate(), "ES256")),
                    DPoPRefusal.DPOP_PROOF_MALFORMED);
        }
    }

    @Test
    void verifyWhenAthMissingOrForAnotherTokenThenAth() {
        refused(() -> verify(Proofs.proof(EC, "ES256", "GET", URI, IAT, null)), DPoPRefusal.DPOP_PROOF_ATH);
        refused(() -> verify(Proofs.proof(EC, "ES256", "GET", URI, IAT, TOKEN + "x")), DPoPRefusal.DPOP_PROOF_ATH);
    }

    @Test
    void verifyWhenCnfJktDiffersOrAbsentThenBindingMismatch() {
        String other = thumbprint(Proofs.ec("secp256r1"));
        refused(() -> verifier.verify(List.of(valid()), "GET", URI, TOKEN, Optional.of(other)),
                DPoPRefusal.DPOP_BINDING_MISMATCH);
        refused(() -> verifier.verify(List.of(valid()), "GET", URI, TOKEN, Optional.empty()),
                DPoPRefusal.DPOP_BINDING_MISMATCH);
    }

    @Test
    void verifyWhenProofReplayedThenReplayed() {
        String proof = valid();
        verify(proof);
        refused(() -> verify(proof), DPoPRefusal.DPOP_PROOF_REPLAYED);
        // a fresh proof by the same key still passes
        assertThat(verify(valid()).thumbprint()).isEqualTo(JKT);
    }

    @Test
    void verifyWhenRefusedForAnotherReasonThenJtiNotConsumed() {
        String proof = valid();
        refused(() -> verifier.verify(List.of(proof), "GET", URI, TOKEN, Optional.of("other")),
                DPoPRefusal.DPOP_BINDING_MISMATCH);
        assertThat(verify(proof).thumbprint()).isEqualTo(JKT);
    }

    @Test
    void verifyWhenSameProofReplayedConcurrentlyThenExactlyOneAccepted() throws Exception {
        String proof = valid();
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Boolean> attempt = () -> {
                    start.await();
                    try {
                        verify(proof);
                        return true;
                    } catch (DPoPProofException e) {
                        assertThat(e.reason()).isEqualTo(DPoPRefusal.DPOP_PROOF_REPLAYED);
                        return false;
                    }
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Boolean> result : results) {
                accepted += result.get() ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void verifyWhenReplayCacheFullThenUnavailableNotForgotten() {
        DPoPProofVerifier tiny = new DPoPProofVerifier(settings, new InMemoryReplayCache(2, clock, Duration.ofSeconds(5)),
                clock);
        String first = valid();
        tiny.verify(List.of(first), "GET", URI, TOKEN, Optional.of(JKT));
        tiny.verify(List.of(valid()), "GET", URI, TOKEN, Optional.of(JKT));
        assertThatThrownBy(() -> tiny.verify(List.of(valid()), "GET", URI, TOKEN, Optional.of(JKT)))
                .isInstanceOf(VerificationUnavailableException.class)
                .extracting(e -> ((VerificationUnavailableException) e).source())
                .isEqualTo(VerificationUnavailableException.Source.DPOP_REPLAY_CACHE);
        // the first proof is still remembered
        refused(() -> tiny.verify(List.of(first), "GET", URI, TOKEN, Optional.of(JKT)), DPoPRefusal.DPOP_PROOF_REPLAYED);
    }

    @Test
    void verifyWhenCritHeaderThenMalformed() {
        String headerJson = "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"crit\":[\"exp\"],\"jwk\":"
                + Proofs.jwk(EC.getPublic()) + "}";
        refused(() -> verify(sign(headerJson, claims("GET", URI, IAT, "j", TOKEN), EC.getPrivate(), "ES256")),
                DPoPRefusal.DPOP_PROOF_MALFORMED);
    }

    @Test
    void reasonsMapToRfc9449ErrorCodes() {
        for (DPoPRefusal reason : DPoPRefusal.values()) {
            assertThat(reason.description()).matches("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]+");
            switch (reason) {
                case DPOP_BINDING_MISMATCH:
                case DPOP_BOUND_TOKEN_AS_BEARER:
                case DPOP_REQUIRED:
                    assertThat(reason.errorCode().code()).isEqualTo("invalid_token");
                    break;
                case DPOP_NOT_ENABLED:
                    assertThat(reason.errorCode().code()).isEqualTo("invalid_request");
                    break;
                case DPOP_USE_NONCE:
                    assertThat(reason.errorCode().code()).isEqualTo("use_dpop_nonce");
                    break;
                default:
                    assertThat(reason.errorCode().code()).isEqualTo("invalid_dpop_proof");
                    assertThat(reason.httpStatus()).isEqualTo(401);
            }
        }
    }
}
