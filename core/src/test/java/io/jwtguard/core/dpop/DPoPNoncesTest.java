package io.jwtguard.core.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Stateless server nonces (RFC 9449 sections 8 and 9) and their check in proofs. */
class DPoPNoncesTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z"); // a window boundary for 5 min
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final String URI = "https://login.example.com/oauth/token";
    private static final KeyPair EC = Proofs.ec("secp256r1");

    private final DPoPNonces nonces = DPoPNonces.required(SECRET, LIFETIME);

    @Test
    void validWhenCurrentPreviousOrNextWindowThenAcceptedElseRefused() {
        String nonce = nonces.current(NOW);

        assertThat(nonce).matches("[A-Za-z0-9_-]{22}");
        assertThat(nonces.valid(nonce, NOW)).isTrue();
        assertThat(nonces.valid(nonce, NOW.plus(LIFETIME).plus(LIFETIME).minusSeconds(1))).isTrue();
        assertThat(nonces.valid(nonce, NOW.plus(LIFETIME).plus(LIFETIME))).isFalse();
        assertThat(nonces.valid(nonce, NOW.minus(LIFETIME))).isTrue(); // a node whose clock is behind
        assertThat(nonces.valid(nonce, NOW.minus(LIFETIME).minusSeconds(1))).isFalse();
        assertThat(nonces.valid(nonce + "A", NOW)).isFalse();
        assertThat(nonces.valid(null, NOW)).isFalse();
        assertThat(nonces.current(NOW.plus(LIFETIME))).isNotEqualTo(nonce);
    }

    @Test
    void validWhenSameSecretOnTwoNodesThenTheyAgreeAndOtherSecretsDoNot() {
        DPoPNonces otherNode = DPoPNonces.required(SECRET.clone(), LIFETIME);
        DPoPNonces otherSecret = DPoPNonces.required("fedcba9876543210fedcba9876543210".getBytes(
                StandardCharsets.UTF_8), LIFETIME);
        DPoPNonces perProcess = DPoPNonces.requiredPerProcess(LIFETIME);

        assertThat(otherNode.valid(nonces.current(NOW), NOW)).isTrue();
        assertThat(otherSecret.valid(nonces.current(NOW), NOW)).isFalse();
        assertThat(perProcess.valid(nonces.current(NOW), NOW)).isFalse();
        assertThat(DPoPNonces.requiredPerProcess(LIFETIME).valid(perProcess.current(NOW), NOW)).isFalse();
    }

    @Test
    void createWhenSecretShortOrLifetimeOutOfRangeThenRefusedAndToStringHidesSecret() {
        assertThatThrownBy(() -> DPoPNonces.required(new byte[31], LIFETIME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret");
        assertThatThrownBy(() -> DPoPNonces.required(SECRET, Duration.ofSeconds(9)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lifetime");
        assertThatThrownBy(() -> DPoPNonces.requiredPerProcess(Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lifetime");
        assertThat(nonces.toString()).doesNotContain("0123456789abcdef").contains("configured");
        assertThat(DPoPNonces.OFF.required()).isFalse();
        assertThat(DPoPNonces.OFF.valid("anything", NOW)).isFalse();
    }

    private DPoPProofVerifier verifier(DPoPNonces configured) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new DPoPProofVerifier(DPoPSettings.DEFAULT.withMode(DPoPMode.ALLOWED).withNonces(configured),
                new InMemoryReplayCache(100, clock, Duration.ofSeconds(5)), clock);
    }

    private static String proof(String nonce) {
        String claims = "{\"jti\":\"" + UUID.randomUUID() + "\",\"htm\":\"POST\",\"htu\":\"" + URI + "\",\"iat\":"
                + NOW.getEpochSecond() + (nonce == null ? "" : ",\"nonce\":\"" + nonce + "\"") + "}";
        return Proofs.sign(Proofs.header("ES256", EC.getPublic()), claims, EC.getPrivate(), "ES256");
    }

    private static void refusedForNonce(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DPoPProofException.class, e -> {
            assertThat(e.reason()).isEqualTo(DPoPRefusal.DPOP_USE_NONCE);
            assertThat(e.reason().errorCode().code()).isEqualTo("use_dpop_nonce");
        });
    }

    @Test
    void verifyWhenNoncesRequiredThenProofNeedsTheCurrentNonce() {
        DPoPProofVerifier verifier = verifier(nonces);

        refusedForNonce(() -> verifier.verifyTokenRequest(List.of(proof(null)), "POST", URI));
        refusedForNonce(() -> verifier.verifyTokenRequest(List.of(proof(nonces.current(NOW.minus(Duration.ofHours(1))))),
                "POST", URI));
        refusedForNonce(() -> verifier.verifyTokenRequest(List.of(proof(DPoPNonces.requiredPerProcess(LIFETIME)
                .current(NOW))), "POST", URI));

        assertThat(verifier.verifyTokenRequest(List.of(proof(nonces.current(NOW))), "POST", URI).thumbprint())
                .isEqualTo(DPoPProofVerifierTest.thumbprint(EC));
    }

    @Test
    void verifyWhenNoncesOffThenNonceNeitherNeededNorChecked() {
        DPoPProofVerifier verifier = verifier(DPoPNonces.OFF);

        assertThat(verifier.verifyTokenRequest(List.of(proof(null)), "POST", URI)).isNotNull();
        assertThat(verifier.verifyTokenRequest(List.of(proof("whatever")), "POST", URI)).isNotNull();
    }
}
