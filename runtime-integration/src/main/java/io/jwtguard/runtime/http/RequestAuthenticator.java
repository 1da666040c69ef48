package io.jwtguard.runtime.http;

import io.jwtguard.core.availability.OutageWarning;
import io.jwtguard.core.dpop.DPoPBinding;
import io.jwtguard.core.dpop.DPoPMode;
import io.jwtguard.core.dpop.DPoPProofException;
import io.jwtguard.core.dpop.DPoPProofVerifier;
import io.jwtguard.core.dpop.DPoPRefusal;
import io.jwtguard.core.dpop.DPoPSettings;
import io.jwtguard.core.dpop.HttpUris;
import io.jwtguard.core.dpop.InMemoryReplayCache;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.verify.RefusalReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.core.verify.UnverifiedTokens;
import io.jwtguard.core.verify.VerifiedToken;
import io.jwtguard.runtime.observe.RejectionListener;
import io.jwtguard.runtime.observe.TokenRejected;
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
    private final OutageWarning unavailableWarning = OutageWarning.logging(LOG);

    private final TokenVerifier verifier;
    private final TokenResolver extractor;
    private final RejectionListener listener;
    private final Duration retryAfter;
    private final Clock clock;
    private final DPoPProofVerifier dpop;
    /** The accepted proof algorithms as a challenge's {@code algs} says them, preferred first. */
    private final String dpopAlgorithms;


    /**
     * An authenticator with DPoP off: {@code Authorization: DPoP} is refused, bound tokens sent as
     * bearer tokens too.
     *
     * @param verifier the verifier, not null
     * @param extractor finds the request's token (the token transport), not null
     * @param listener told about rejections, not null
     * @param retryAfter the {@code Retry-After} of a 503 when keys are unavailable and the key source
     *     gives no hint of its own ({@link VerificationUnavailableException#retryAfter()}), not null
     */
    public RequestAuthenticator(TokenVerifier verifier, TokenResolver extractor, RejectionListener listener,
            Duration retryAfter) {
        this(verifier, extractor, listener, retryAfter, new DPoPProofVerifier(DPoPSettings.DEFAULT,
                new InMemoryReplayCache(1, verifier.config().clock(), retryAfter), verifier.config().clock()));
    }

    /**
     * @param verifier the verifier, not null
     * @param extractor finds the request's token (the token transport), not null
     * @param listener told about rejections, not null
     * @param retryAfter the {@code Retry-After} of a 503 when keys are unavailable and the key source
     *     gives no hint of its own ({@link VerificationUnavailableException#retryAfter()}), not null
     * @param dpop the DPoP proof verifier, whose settings' mode decides which schemes are accepted, not null
     */
    public RequestAuthenticator(TokenVerifier verifier, TokenResolver extractor, RejectionListener listener,
            Duration retryAfter, DPoPProofVerifier dpop) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        this.clock = verifier.config().clock();
        this.dpop = Objects.requireNonNull(dpop, "dpop");
        this.dpopAlgorithms = dpop.settings().algorithmNames();
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
                reportRaw(RequestRefusal.MULTIPLE_TOKENS, null, null);
                return new AuthenticationOutcome.Rejected(RequestRefusal.MULTIPLE_TOKENS);
            default:
                break;
        }
        String token = extraction.token().orElseThrow();
        if (extraction.dpop() && !dpop.settings().enabledAnywhere()) {
            return refuse(DPoPRefusal.DPOP_NOT_ENABLED, token, "Authorization: DPoP while jwtguard.dpop.mode=off",
                    false);
        }
        try {
            VerifiedToken verified = verifier.verify(token);
            Optional<RequestRefusal> certificate = CertificateBinding.check(verified.claims(), request);
            if (certificate.isPresent()) {
                // RFC 8705 section 3: a certificate-bound token is never a bearer token either
                reportRaw(certificate.get(), null, token);
                return new AuthenticationOutcome.Rejected(certificate.get(), extraction.dpop()
                        ? Optional.of(dpopAlgorithms) : Optional.empty());
            }
            DPoPMode mode = dpop.settings().modeFor(verified.getIssuer());
            if (extraction.dpop() && mode == DPoPMode.OFF) {
                return refuse(DPoPRefusal.DPOP_NOT_ENABLED, token, "Authorization: DPoP for an issuer whose "
                        + "dpop.mode is off", false);
            }
            if (!extraction.dpop()) {
                if (DPoPBinding.isBound(verified.claims())) {
                    // RFC 9449 section 7.1: a bound token is never a bearer token, whatever the mode
                    return refuse(DPoPRefusal.DPOP_BOUND_TOKEN_AS_BEARER, token, "a token with cnf.jkt sent as Bearer",
                            mode != DPoPMode.OFF);
                }
                if (mode == DPoPMode.REQUIRED) {
                    return refuse(DPoPRefusal.DPOP_REQUIRED, token, "a bearer token while jwtguard.dpop.mode=required",
                            true);
                }
                return new AuthenticationOutcome.Authenticated(verified, false);
            }
            dpop.verify(request.headerValues("DPoP"), request.method().orElse(""), requestUri(request).orElse(""),
                    token, DPoPBinding.thumbprint(verified.claims()));
            return new AuthenticationOutcome.Authenticated(verified, true);
        } catch (TokenRejectedException e) {
            if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                LOG.log(System.Logger.Level.DEBUG, "Token " + TokenDigest.of(token) + " rejected: " + e.reason()
                        + e.ruleCode().map(code -> " " + code).orElse("") + " (" + e.getMessage() + ")");
            }
            reportRaw(e.reason(), e.ruleCode().orElse(null), token);
            return new AuthenticationOutcome.Rejected(e.reason(), extraction.dpop() ? Optional.of(dpopAlgorithms)
                    : Optional.empty());
        } catch (DPoPProofException e) {
            return refuse(e.reason(), token, e.getMessage(), true);
        } catch (VerificationUnavailableException e) {
            if (e.retryAfter().isPresent()) {
                // the source could not look for the token's key yet (rate-limited): per request, and a
                // flood of unknown kids can cause many, so not a warning each
                LOG.log(System.Logger.Level.DEBUG, "Cannot verify a token yet, answering 503: " + e.getMessage());
            } else {
                // every request gets its 503, the log one line a minute: an outage is not a line per request
                unavailableWarning.warn("Cannot verify tokens, answering 503: " + e.getMessage());
            }
            notifyUnavailable(e.source());
            return new AuthenticationOutcome.Unavailable(e.retryAfter().map(RequestAuthenticator::wholeSeconds)
                    .orElse(retryAfter));
        }
    }

    /**
     * The URI the client addressed: the configured external base URL and the request's path, else the
     * URL the container reconstructed (from the {@code Host} header).
     */
    private Optional<String> requestUri(RequestView request) {
        Optional<java.net.URI> base = dpop.settings().externalBaseUrl();
        if (base.isPresent()) {
            return request.rawPath().map(path -> HttpUris.join(base.get(), path));
        }
        return request.requestUrl();
    }

    private AuthenticationOutcome refuse(DPoPRefusal reason, String token, String detail, boolean dpopChallenge) {
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, "Token " + TokenDigest.of(token) + " refused: " + reason + " ("
                    + detail + ")");
        }
        reportRaw(reason, null, token);
        // RFC 9449 section 9: a use_dpop_nonce refusal hands out the nonce to use
        Optional<String> nonce = reason == DPoPRefusal.DPOP_USE_NONCE
                ? Optional.of(dpop.settings().nonces().current(clock.instant())) : Optional.empty();
        return new AuthenticationOutcome.Rejected(reason, dpopChallenge ? Optional.of(dpopAlgorithms)
                : Optional.empty(), nonce);
    }

    /**
     * @return the accepted DPoP proof algorithms, space-separated, preferred first, as a {@code DPoP}
     *     challenge's {@code algs} lists them
     */
    public String dpopAlgorithms() {
        return dpopAlgorithms;
    }

    /**
     * The challenge for a request without a token to a resource that needs one: {@code Bearer} with
     * DPoP off, {@code Bearer} and {@code DPoP} (with {@code algs}) when both are accepted (RFC 9449
     * section 7.2), {@code DPoP} alone when DPoP is required.
     *
     * @param realm the protection realm
     */
    public BearerChallenge noTokenChallenge(String realm) {
        switch (dpop.settings().mode()) {
            case ALLOWED:
                return BearerChallenge.noToken(realm, dpopAlgorithms, true);
            case REQUIRED:
                return BearerChallenge.noToken(realm, dpopAlgorithms, false);
            default:
                return BearerChallenge.noToken(realm);
        }
    }

    /**
     * @return the DPoP proof verifier, with this application's replay cache: the token endpoints check
     *     their proofs with it too, so a proof is accepted once, wherever it is presented
     */
    public DPoPProofVerifier dpopVerifier() {
        return dpop;
    }

    /** @return the DPoP settings (mode {@code off} unless configured) */
    public DPoPSettings dpopSettings() {
        return dpop.settings();
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
    public void report(RefusalReason reason, VerifiedToken token) {
        reportRaw(reason, null, token == null ? null : token.getRawToken());
    }

    private void reportRaw(RefusalReason reason, String ruleCode, String token) {
        TokenRejected event = new TokenRejected(reason, Optional.ofNullable(ruleCode),
                token == null ? Optional.empty() : claimedIssuer(token),
                token == null ? Optional.empty() : Optional.of(TokenDigest.of(token)),
                clock.instant());
        try {
            listener.rejected(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A rejection listener failed: " + e);
        }
    }

    private void notifyUnavailable(VerificationUnavailableException.Source source) {
        try {
            listener.unavailable(source);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A rejection listener failed: " + e);
        }
    }

    /** The {@code iss} the token claims, unverified, for the rejection event (see {@link UnverifiedTokens}). */
    private Optional<String> claimedIssuer(String token) {
        return UnverifiedTokens.claimedIssuer(token, verifier.config().maxTokenSize());
    }

    /** @return the token transport */
    public TokenResolver extractor() {
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
