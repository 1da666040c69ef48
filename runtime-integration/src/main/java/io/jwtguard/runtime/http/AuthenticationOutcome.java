package io.jwtguard.runtime.http;

import io.jwtguard.core.verify.RefusalReason;
import io.jwtguard.core.verify.VerifiedToken;
import java.time.Duration;
import java.util.Objects;

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
     */
    record Authenticated(VerifiedToken token) implements AuthenticationOutcome {
        public Authenticated {
            Objects.requireNonNull(token, "token");
        }
    }

    /**
     * The request was refused: a bad token ({@link io.jwtguard.core.verify.RejectionReason}), or
     * more than one token ({@link RequestRefusal#MULTIPLE_TOKENS}).
     *
     * @param reason why, not null
     */
    record Rejected(RefusalReason reason) implements AuthenticationOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
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
