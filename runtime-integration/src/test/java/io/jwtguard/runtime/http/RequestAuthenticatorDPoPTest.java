package io.jwtguard.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.config.TokenTransport;
import io.jwtguard.core.dpop.DPoPMode;
import io.jwtguard.core.dpop.DPoPProofVerifier;
import io.jwtguard.core.dpop.DPoPRefusal;
import io.jwtguard.core.dpop.DPoPSettings;
import io.jwtguard.core.dpop.InMemoryReplayCache;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.StaticKeySource;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.runtime.observe.RejectionListener;
import io.jwtguard.runtime.testing.DPoPProofs;
import io.jwtguard.runtime.testing.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scheme decisions of {@link RequestAuthenticator} for each {@code jwtguard.dpop.mode}. */
class RequestAuthenticatorDPoPTest {
    static final String URL = "https://api.example.com/app/orders";
    private final DPoPProofs client = DPoPProofs.newClient();

    private static RequestAuthenticator authenticator(DPoPMode mode) {
        return authenticator(DPoPSettings.DEFAULT.withMode(mode));
    }

    /** An authenticator of RS256 test tokens ({@link TestTokens}) with these DPoP settings. */
    static RequestAuthenticator authenticator(DPoPSettings settings) {
        Clock clock = Clock.systemUTC();
        TokenVerifier verifier = TokenVerifier.create(VerifierConfig.builder()
                .keySource(new StaticKeySource(List.of(VerificationKey.ofPublicKey(null, TestTokens.TRUSTED.getPublic())),
                        "test key"))
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256))
                .issuer(TestTokens.ISSUER)
                .audiences(Set.of(TestTokens.AUDIENCE))
                .clock(clock)
                .build());
        RejectionListener listener = new RejectionListener() {
            @Override
            public void rejected(io.jwtguard.runtime.observe.TokenRejected event) {
            }

            @Override
            public void unavailable(io.jwtguard.core.availability.VerificationUnavailableException.Source source) {
            }
        };
        return new RequestAuthenticator(verifier, new TokenExtractor(TokenTransport.DEFAULT), listener,
                Duration.ofSeconds(5), new DPoPProofVerifier(settings,
                        new InMemoryReplayCache(100, clock, Duration.ofSeconds(5)), clock));
    }

    /** A GET request of {@link #URL}, as the servlet and JAX-RS views give them. */
    static final class Request extends TokenExtractorTest.Request {
        @Override
        public Optional<String> method() {
            return Optional.of("GET");
        }

        @Override
        public Optional<String> requestUrl() {
            return Optional.of(URL);
        }

        @Override
        public Optional<String> rawPath() {
            return Optional.of("/app/orders");
        }
    }

    private String bound() {
        return TestTokens.token().groups("user").claim("cnf", client.cnf()).sign();
    }

    private AuthenticationOutcome bearer(DPoPMode mode, String token) {
        return authenticator(mode).authenticate(new Request().header("Authorization", "Bearer " + token));
    }

    private AuthenticationOutcome dpop(DPoPMode mode, String token) {
        TokenExtractorTest.Request request = new Request().header("Authorization", "DPoP " + token)
                .header("DPoP", client.proof("GET", URL, token));
        return authenticator(mode).authenticate(request);
    }

    private static void refused(AuthenticationOutcome outcome, DPoPRefusal reason, boolean dpopChallenge) {
        assertThat(outcome).isInstanceOf(AuthenticationOutcome.Rejected.class);
        AuthenticationOutcome.Rejected rejected = (AuthenticationOutcome.Rejected) outcome;
        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.dpopAlgorithms().isPresent()).isEqualTo(dpopChallenge);
    }

    @Test
    void modeOffWhenBearerThenAuthenticatedAndWhenDpopSchemeThenNotEnabled() {
        AuthenticationOutcome outcome = bearer(DPoPMode.OFF, TestTokens.withGroups("user"));
        assertThat(outcome).isInstanceOf(AuthenticationOutcome.Authenticated.class);
        assertThat(((AuthenticationOutcome.Authenticated) outcome).dpop()).isFalse();
        refused(dpop(DPoPMode.OFF, bound()), DPoPRefusal.DPOP_NOT_ENABLED, false);
    }

    @Test
    void issuerModeWhenSetThenDecidesForThatIssuersTokens() {
        DPoPSettings onlyThisIssuer = new DPoPSettings(DPoPMode.OFF, DPoPSettings.DEFAULT_ALGORITHMS,
                Duration.ofSeconds(60), Duration.ofSeconds(30), 8192, Optional.empty(), 100,
                java.util.Map.of(TestTokens.ISSUER, DPoPMode.REQUIRED));
        String token = bound();
        AuthenticationOutcome dpop = authenticator(onlyThisIssuer).authenticate(new Request()
                .header("Authorization", "DPoP " + token).header("DPoP", client.proof("GET", URL, token)));
        assertThat(((AuthenticationOutcome.Authenticated) dpop).dpop()).isTrue();
        refused(authenticator(onlyThisIssuer).authenticate(new Request().header("Authorization", "Bearer "
                + TestTokens.withGroups("user"))), DPoPRefusal.DPOP_REQUIRED, true);
        DPoPSettings otherIssuer = new DPoPSettings(DPoPMode.OFF, DPoPSettings.DEFAULT_ALGORITHMS,
                Duration.ofSeconds(60), Duration.ofSeconds(30), 8192, Optional.empty(), 100,
                java.util.Map.of("https://other.example", DPoPMode.ALLOWED));
        String other = bound();
        refused(authenticator(otherIssuer).authenticate(new Request().header("Authorization", "DPoP " + other)
                .header("DPoP", client.proof("GET", URL, other))), DPoPRefusal.DPOP_NOT_ENABLED, false);
    }

    @Test
    void everyModeWhenBoundTokenAsBearerThenRefused() {
        refused(bearer(DPoPMode.OFF, bound()), DPoPRefusal.DPOP_BOUND_TOKEN_AS_BEARER, false);
        refused(bearer(DPoPMode.ALLOWED, bound()), DPoPRefusal.DPOP_BOUND_TOKEN_AS_BEARER, true);
        refused(bearer(DPoPMode.REQUIRED, bound()), DPoPRefusal.DPOP_BOUND_TOKEN_AS_BEARER, true);
    }

    @Test
    void modeAllowedWhenBearerOrDpopThenAuthenticatedWithScheme() {
        AuthenticationOutcome bearer = bearer(DPoPMode.ALLOWED, TestTokens.withGroups("user"));
        assertThat(((AuthenticationOutcome.Authenticated) bearer).dpop()).isFalse();
        AuthenticationOutcome dpop = dpop(DPoPMode.ALLOWED, bound());
        assertThat(((AuthenticationOutcome.Authenticated) dpop).dpop()).isTrue();
    }

    @Test
    void modeRequiredWhenBearerThenRefusedAndWhenDpopThenAuthenticated() {
        refused(bearer(DPoPMode.REQUIRED, TestTokens.withGroups("user")), DPoPRefusal.DPOP_REQUIRED, true);
        assertThat(dpop(DPoPMode.REQUIRED, bound())).isInstanceOf(AuthenticationOutcome.Authenticated.class);
    }

    @Test
    void dpopSchemeWhenUnboundTokenThenBindingMismatch() {
        refused(dpop(DPoPMode.ALLOWED, TestTokens.withGroups("user")), DPoPRefusal.DPOP_BINDING_MISMATCH, true);
    }

    @Test
    void dpopSchemeWhenTokenInvalidThenTokenReasonWithDpopChallenge() {
        String forged = TestTokens.token().claim("cnf", client.cnf()).signedBy(TestTokens.ATTACKER.getPrivate()).sign();
        AuthenticationOutcome outcome = dpop(DPoPMode.ALLOWED, forged);
        assertThat(((AuthenticationOutcome.Rejected) outcome).reason().name()).isEqualTo("INVALID_SIGNATURE");
        assertThat(BearerChallenge.rejected("api", (AuthenticationOutcome.Rejected) outcome).headerValue())
                .startsWith("DPoP realm=\"api\", algs=\"ES256").contains("error=\"invalid_token\"");
    }

    @Test
    void extractorWhenDpopAndBearerTogetherThenMultiple() {
        assertThat(new TokenExtractor(TokenTransport.DEFAULT).extract(new Request().header("Authorization", "DPoP a.b.c")
                .header("Authorization", "Bearer a.b.c")).kind()).isEqualTo(Extraction.Kind.MULTIPLE);
        Extraction dpop = new TokenExtractor(TokenTransport.DEFAULT).extract(new Request()
                .header("Authorization", "dpop a.b.c"));
        assertThat(dpop.dpop()).isTrue();
        assertThat(dpop.token()).contains("a.b.c");
    }

    @Test
    void challengeWhenDpopRefusalThenDpopSchemeWithAlgsErrorAndDescription() {
        BearerChallenge challenge = BearerChallenge.dpop("api", DPoPRefusal.DPOP_PROOF_REPLAYED, "ES256 PS256 bad\"alg");
        assertThat(challenge.status()).isEqualTo(401);
        assertThat(challenge.headerValue()).isEqualTo("DPoP realm=\"api\", algs=\"ES256 PS256\", "
                + "error=\"invalid_dpop_proof\", error_description=\"The DPoP proof was already used\"");
    }

    @Test
    void dpopWhenNoncesRequiredAndProofWithoutNonceThenUseDpopNonceWithANonceThatThenPasses() {
        io.jwtguard.core.dpop.DPoPNonces nonces = io.jwtguard.core.dpop.DPoPNonces.requiredPerProcess(
                Duration.ofMinutes(5));
        RequestAuthenticator authenticator = authenticator(DPoPSettings.DEFAULT.withMode(DPoPMode.ALLOWED)
                .withNonces(nonces));
        String token = bound();

        AuthenticationOutcome refused = authenticator.authenticate(new Request().header("Authorization", "DPoP " + token)
                .header("DPoP", client.proof("GET", URL, token)));

        assertThat(refused).isInstanceOfSatisfying(AuthenticationOutcome.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(DPoPRefusal.DPOP_USE_NONCE);
            assertThat(r.dpopAlgorithms()).isPresent();
            assertThat(BearerChallenge.rejected("api", r).headerValue()).startsWith("DPoP ")
                    .contains("error=\"use_dpop_nonce\"");
        });
        String nonce = ((AuthenticationOutcome.Rejected) refused).dpopNonce().orElseThrow();
        assertThat(nonces.valid(nonce, java.time.Instant.now())).isTrue();
        assertThat(authenticator.authenticate(new Request().header("Authorization", "DPoP " + token)
                .header("DPoP", client.proof("GET", URL, token, nonce))))
                .isInstanceOf(AuthenticationOutcome.Authenticated.class);
        // other refusals hand out no nonce
        AuthenticationOutcome bearer = authenticator.authenticate(new Request().header("Authorization", "Bearer " + token));
        assertThat(((AuthenticationOutcome.Rejected) bearer).dpopNonce()).isEmpty();
    }
}
