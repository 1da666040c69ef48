package io.jwtguard.core.refresh;

import java.util.Objects;

/** A refresh was refused; {@link #reason()} says why. The message never contains a token. */
public final class RefreshRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final RefreshFailure reason;

    /** @param reason why, not null */
    public RefreshRejectedException(RefreshFailure reason) {
        super(Objects.requireNonNull(reason, "reason").name(), null, false, false);
        this.reason = reason;
    }

    /** @return why the refresh was refused, never null */
    public RefreshFailure reason() {
        return reason;
    }
}
