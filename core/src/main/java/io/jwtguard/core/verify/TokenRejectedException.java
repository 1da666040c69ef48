package io.jwtguard.core.verify;

import io.jwtguard.core.availability.VerificationUnavailableException;
import java.util.Objects;

/**
 * The token is bad: it was refused for {@link #reason()}. Thrown by
 * {@link TokenVerifier#verify(String)}; never means that the server is broken (see
 * {@link VerificationUnavailableException} for that).
 *
 * <p>The message is a diagnostic for server logs. It never contains the token, a secret or
 * key material; clients get {@link RejectionReason#description()} instead. No stack trace is
 * captured: rejections are a normal, frequent outcome and must stay cheap under a flood of
 * hostile tokens.
 */
public final class TokenRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    /**
     * @param reason why the token was refused, not null
     * @param detail a diagnostic for logs, not null, never containing the token
     */
    public TokenRejectedException(RejectionReason reason, String detail) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return the reason, never null */
    public RejectionReason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "TokenRejectedException[" + reason + "]: " + getMessage();
    }
}
