package io.jwtguard.runtime.http;

import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.jose.MalformedJsonException;
import io.jwtguard.core.jose.StrictJson;
import io.jwtguard.core.verify.KeySourceUnavailableException;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.core.verify.VerifiedToken;
import io.jwtguard.runtime.observe.RejectionListener;
import io.jwtguard.runtime.observe.TokenRejected;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Authenticates a request once: extracts the token, verifies it, remembers the
 * {@link AuthenticationOutcome} in the request attribute {@link #OUTCOME_ATTRIBUTE}, and tells
 * the listeners about rejections and key outages. A second call for the same request returns
 * the remembered outcome without verifying again, whichever path (servlet filter, JAX-RS filter,
 * Jakarta Security, CDI producer) comes first.
 *
 * <p>Logs never contain the token: a rejection is logged at debug level with its reason and the
 * token's {@link TokenDigest digest}.
 *
 * <p>Immutable and thread-safe if the listener is.
 */
public final class RequestAuthenticator {
    /** The request attribute holding the {@link AuthenticationOutcome} of the request. */
    public static final String OUTCOME_ATTRIBUTE = "io.jwtguard.runtime.outcome";

    private static final System.Logger LOG = System.getLogger(RequestAuthenticator.class.getName());
    private static final int MAX_ISSUER_LENGTH = 256;

    private final TokenVerifier verifier;
    private final TokenExtractor extractor;
    private final RejectionListener listener;
    private final Duration retryAfter;
    private final Clock clock;

    /**
     * @param verifier the verifier, not null
     * @param extractor where tokens travel, not null
     * @param listener told about rejections, not null
     * @param retryAfter the {@code Retry-After} of a 503 when keys are unavailable and the key source
     *     gives no hint of its own ({@link KeySourceUnavailableException#retryAfter()}), not null
     */
    public RequestAuthenticator(TokenVerifier verifier, TokenExtractor extractor, RejectionListener listener,
            Duration retryAfter) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        this.clock = verifier.config().clock();
    }

    /**
     * @param request the request, not null
     * @return the outcome of this request, computed on the first call and then remembered
     */
    public AuthenticationOutcome authenticate(RequestView request) {
        Object known = request.attribute(OUTCOME_ATTRIBUTE);
        if (known instanceof AuthenticationOutcome) {
            return (AuthenticationOutcome) known;
        }
        AuthenticationOutcome outcome = compute(request);
        request.attribute(OUTCOME_ATTRIBUTE, outcome);
        return outcome;
    }

    /**
     * @param request the request, not null
     * @return the remembered outcome, empty when the request was not authenticated yet
     */
    public static Optional<AuthenticationOutcome> known(RequestView request) {
        Object known = request.attribute(OUTCOME_ATTRIBUTE);
        return known instanceof AuthenticationOutcome ? Optional.of((AuthenticationOutcome) known) : Optional.empty();
    }

    private AuthenticationOutcome compute(RequestView request) {
        Extraction extraction = extractor.extract(request);
        switch (extraction.kind()) {
            case NONE:
                return AuthenticationOutcome.Anonymous.INSTANCE;
            case MULTIPLE:
                reportRaw(RejectionReason.MULTIPLE_TOKENS, null);
                return new AuthenticationOutcome.Rejected(RejectionReason.MULTIPLE_TOKENS);
            default:
                break;
        }
        String token = extraction.token().orElseThrow();
        try {
            VerifiedToken verified = verifier.verify(token);
            return new AuthenticationOutcome.Authenticated(verified);
        } catch (TokenRejectedException e) {
            if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                LOG.log(System.Logger.Level.DEBUG, "Token " + TokenDigest.of(token) + " rejected: " + e.reason()
                        + " (" + e.getMessage() + ")");
            }
            reportRaw(e.reason(), token);
            return new AuthenticationOutcome.Rejected(e.reason());
        } catch (KeySourceUnavailableException e) {
            if (e.retryAfter().isPresent()) {
                // the source could not look for the token's key yet (rate-limited): per request, and a
                // flood of unknown kids can cause many, so not a warning each
                LOG.log(System.Logger.Level.DEBUG, "Cannot verify a token yet, answering 503: " + e.getMessage());
            } else {
                LOG.log(System.Logger.Level.WARNING, "Cannot verify tokens, answering 503: " + e.getMessage());
            }
            notifyUnavailable();
            return new AuthenticationOutcome.Unavailable(e.retryAfter().map(RequestAuthenticator::wholeSeconds)
                    .orElse(retryAfter));
        }
    }

    /** @return {@code wait} rounded up to whole seconds (what {@code Retry-After} can say), at least one */
    static Duration wholeSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    /**
     * Reports a rejection decided after verification (for example a resource's freshness or
     * scope requirement) to the listeners, exactly like a rejection by the verifier.
     *
     * @param reason why, not null
     * @param token the refused token, or null when there was no single token
     */
    public void report(RejectionReason reason, VerifiedToken token) {
        reportRaw(reason, token == null ? null : token.getRawToken());
    }

    private void reportRaw(RejectionReason reason, String token) {
        TokenRejected event = new TokenRejected(reason,
                token == null ? Optional.empty() : claimedIssuer(token),
                token == null ? Optional.empty() : Optional.of(TokenDigest.of(token)),
                clock.instant());
        try {
            listener.rejected(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A rejection listener failed: " + e);
        }
    }

    private void notifyUnavailable() {
        try {
            listener.keysUnavailable();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A rejection listener failed: " + e);
        }
    }

    /**
     * The {@code iss} a compact JWS claims, read without trusting it: strictly decoded, size-capped,
     * printable ASCII only. Empty for a JWE, a malformed token, or a missing or odd issuer.
     */
    private Optional<String> claimedIssuer(String token) {
        if (token.length() > verifier.config().maxTokenSize()) {
            return Optional.empty();
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            return Optional.empty();
        }
        try {
            JsonObject claims = StrictJson.parseObject(Base64Url.decode(token, first + 1, second));
            JsonValue iss = claims.get("iss");
            if (!(iss instanceof JsonString)) {
                return Optional.empty();
            }
            String issuer = ((JsonString) iss).getString();
            if (issuer.isEmpty() || issuer.length() > MAX_ISSUER_LENGTH
                    || !issuer.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
                return Optional.empty();
            }
            return Optional.of(issuer);
        } catch (MalformedJsonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @return the extractor */
    public TokenExtractor extractor() {
        return extractor;
    }

    /** @return the verifier */
    public TokenVerifier verifier() {
        return verifier;
    }

    /** @return the {@code Retry-After} used for key outages when the key source gives no hint */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public String toString() {
        return "RequestAuthenticator[" + verifier + ", " + extractor + "]";
    }
}
