package io.jwtguard.runtime.http;

import io.jwtguard.core.verify.RefusalReason;
import io.jwtguard.core.verify.VerifiedToken;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What authenticating one request came to. Computed once per request by
 * {@link RequestAuthenticator} and kept as a request attribute, so every later stage (servlet
 * filter, JAX-RS filters, CDI producers, Jakarta Security) reads the same value instead of
 * verifying again. Immutable; no variant's {@code toString} prints a token.
 */
public sealed interface AuthenticationOutcome {
    /** The request carries no token. Resources that need authentication answer 401 without error. */
    record Anonymous() implements AuthenticationOutcome {
        /** The one instance. */
        public static final Anonymous INSTANCE = new Anonymous();
    }

    /**
     * The request carries one token, and it was verified.
     *
     * @param token the verified token, not null
     * @param dpop whether it came with the {@code DPoP} scheme and a valid proof of possession of
     *     the key it is bound to (RFC 9449); false for a bearer token
     */
    record Authenticated(VerifiedToken token, boolean dpop) implements AuthenticationOutcome {
        public Authenticated {
            Objects.requireNonNull(token, "token");
        }

        /** @param token a verified bearer token, not null */
        public Authenticated(VerifiedToken token) {
            this(token, false);
        }
    }

    /**
     * The request was refused: a bad token ({@link io.jwtguard.core.verify.RejectionReason}), a bad
     * DPoP proof or binding ({@link io.jwtguard.core.dpop.DPoPRefusal}), or more than one token
     * ({@link RequestRefusal#MULTIPLE_TOKENS}).
     *
     * @param reason why, not null
     * @param dpopAlgorithms when present, the refusal is answered with a {@code DPoP} challenge
     *     (RFC 9449 section 7.1) advertising these proof algorithms (space-separated); empty for a
     *     {@code Bearer} challenge
     * @param dpopNonce when present, a fresh server nonce for the {@code DPoP-Nonce} header (RFC 9449
     *     section 9, a {@code use_dpop_nonce} refusal)
     */
    record Rejected(RefusalReason reason, Optional<String> dpopAlgorithms, Optional<String> dpopNonce)
            implements AuthenticationOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(dpopAlgorithms, "dpopAlgorithms");
            Objects.requireNonNull(dpopNonce, "dpopNonce");
        }

        /** A refusal without a nonce to hand out. */
        public Rejected(RefusalReason reason, Optional<String> dpopAlgorithms) {
            this(reason, dpopAlgorithms, Optional.empty());
        }

        /** @param reason why, not null; answered with a {@code Bearer} challenge */
        public Rejected(RefusalReason reason) {
            this(reason, Optional.empty());
        }
    }

    /**
     * The token could not be checked because keys are unavailable: answer 503 with
     * {@code Retry-After}, never 401.
     *
     * @param retryAfter how long the client should wait, not null, not negative
     */
    record Unavailable(Duration retryAfter) implements AuthenticationOutcome {
        public Unavailable {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
