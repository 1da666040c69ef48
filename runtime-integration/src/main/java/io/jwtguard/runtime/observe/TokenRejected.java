package io.jwtguard.runtime.observe;

import io.jwtguard.core.verify.RefusalReason;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Fired as a CDI event once per rejected request (observe it with
 * {@code void on(@Observes TokenRejected event)}), and passed to every {@link RejectionListener}.
 * Carries what a security team needs to investigate, never the token: the reason, the issuer
 * the token claims (unverified when the reason is about the signature or the framing: an
 * attacker may write anything there; it is limited to 256 printable ASCII characters), a digest
 * of the token and the time.
 *
 * <p>Immutable.
 *
 * @param reason why the request was refused: a {@link io.jwtguard.core.verify.RejectionReason} of
 *     the verifier or a {@link io.jwtguard.runtime.http.RequestRefusal} of the runtime; not null
 * @param ruleCode for {@link io.jwtguard.core.verify.RejectionReason#CUSTOM_RULE}, the code of the
 *     application rule that refused the token; empty otherwise
 * @param claimedIssuer the {@code iss} the token claims, empty when absent or unreadable
 * @param tokenDigest {@link io.jwtguard.runtime.http.TokenDigest} of the token; empty when there
 *     was no single token (for example {@link io.jwtguard.runtime.http.RequestRefusal#MULTIPLE_TOKENS})
 * @param at when the rejection happened, not null
 */
public record TokenRejected(RefusalReason reason, Optional<String> ruleCode, Optional<String> claimedIssuer,
        Optional<String> tokenDigest, Instant at) {
    public TokenRejected {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(ruleCode, "ruleCode");
        Objects.requireNonNull(claimedIssuer, "claimedIssuer");
        Objects.requireNonNull(tokenDigest, "tokenDigest");
        Objects.requireNonNull(at, "at");
    }
}
