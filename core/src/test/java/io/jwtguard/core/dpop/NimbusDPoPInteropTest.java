package io.jwtguard.core.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Proofs made by another implementation (Nimbus OAuth 2.0 SDK's {@code DefaultDPoPProofFactory})
 * verify, and both compute the same RFC 7638 thumbprint ({@code cnf.jkt}).
 */
class NimbusDPoPInteropTest {
    private static final String TOKEN = "eyJ0eXAiOiJhdCtqd3QiLCJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln";
    private final Clock clock = Clock.systemUTC();
    private final DPoPProofVerifier verifier = new DPoPProofVerifier(DPoPSettings.DEFAULT.withMode(DPoPMode.ALLOWED),
            new InMemoryReplayCache(100, clock, Duration.ofSeconds(5)), clock);

    private void accepts(JWK key, JWSAlgorithm algorithm) throws Exception {
        DefaultDPoPProofFactory factory = new DefaultDPoPProofFactory(key, algorithm);
        String proof = factory.createDPoPJWT("POST", URI.create("https://api.example.com/orders"),
                new DPoPAccessToken(TOKEN)).serialize();
        String nimbusJkt = JWKThumbprintConfirmation.of(key).getValue().toString();

        DPoPProof verified = verifier.verify(List.of(proof), "POST", "https://API.example.com:443/orders?page=2", TOKEN,
                Optional.of(nimbusJkt));
        assertThat(verified.thumbprint()).isEqualTo(nimbusJkt).isEqualTo(key.computeThumbprint().toString());
        assertThat(verified.algorithm().joseName()).isEqualTo(algorithm.getName());
        assertThatThrownBy(() -> verifier.verify(List.of(proof), "POST", "https://api.example.com/orders", TOKEN,
                Optional.of(nimbusJkt))).extracting(e -> ((DPoPProofException) e).reason())
                .isEqualTo(DPoPRefusal.DPOP_PROOF_REPLAYED);
    }

    @Test
    void verifyWhenNimbusEs256ProofThenAcceptedWithSameThumbprint() throws Exception {
        accepts(new ECKeyGenerator(Curve.P_256).keyID("client-key").generate(), JWSAlgorithm.ES256);
    }

    @Test
    void verifyWhenNimbusPs256AndEs384ProofsThenAccepted() throws Exception {
        accepts(new RSAKeyGenerator(2048).generate(), JWSAlgorithm.PS256);
        accepts(new ECKeyGenerator(Curve.P_384).generate(), JWSAlgorithm.ES384);
    }

    @Test
    void verifyWhenNimbusProofForAnotherTokenThenAth() throws Exception {
        JWK key = new ECKeyGenerator(Curve.P_256).generate();
        String proof = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256).createDPoPJWT("GET",
                URI.create("https://api.example.com/x"), new DPoPAccessToken("another-token")).serialize();
        assertThatThrownBy(() -> verifier.verify(List.of(proof), "GET", "https://api.example.com/x", TOKEN,
                Optional.of(key.computeThumbprint().toString()))).extracting(e -> ((DPoPProofException) e).reason())
                .isEqualTo(DPoPRefusal.DPOP_PROOF_ATH);
    }
}
