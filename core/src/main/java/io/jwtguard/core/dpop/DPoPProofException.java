package io.jwtguard.core.dpop;

import java.util.Objects;

/**
 * A DPoP request was refused for {@link #reason()}. The message is a diagnostic for server logs; it
 * never contains the proof, the token or key material. No stack trace: refusals are normal and
 * must stay cheap under a flood of hostile proofs.
 */
public final class DPoPProofException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final DPoPRefusal reason;

    /**
     * @param reason why, not null
     * @param detail a diagnostic for logs, not null, never containing the proof or the token
     */
    public DPoPProofException(DPoPRefusal reason, String detail) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return the reason, never null */
    public DPoPRefusal reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "DPoPProofException[" + reason + "]: " + getMessage();
    }
}
