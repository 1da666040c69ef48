package io.jwtguard.runtime.http;

import io.jwtguard.core.verify.BearerErrorCode;
import java.util.Objects;
import java.util.Optional;

/**
 * A refused request as a {@link RefusalBodyWriter} sees it: the status, the RFC 6750 error, the
 * stable reason code and the fixed description. It holds nothing from the request: no token, no
 * header, no claim value, so a body built from it cannot echo what the client sent.
 *
 * <p>Immutable and thread-safe.
 */
public final class Refusal {
    /** The description of a 503: the token could not be checked because a key source or store is down. */
    public static final String UNAVAILABLE_DESCRIPTION = "The token cannot be verified at the moment; retry later";
    /** The description of a 403 without challenge ({@code @DenyAll}). */
    public static final String DENIED_DESCRIPTION = "Access to this resource is denied";

    private static final Refusal UNAVAILABLE = new Refusal(503, null, null, UNAVAILABLE_DESCRIPTION);
    private static final Refusal DENIED = new Refusal(403, null, null, DENIED_DESCRIPTION);

    private final int status;
    private final BearerErrorCode error;
    private final String reasonCode;
    private final String description;

    private Refusal(int status, BearerErrorCode error, String reasonCode, String description) {
        this.status = status;
        this.error = error;
        this.reasonCode = reasonCode;
        this.description = description;
    }

    /** @return the refusal that {@code challenge} answers, not null */
    public static Refusal of(BearerChallenge challenge) {
        Objects.requireNonNull(challenge, "challenge");
        return new Refusal(challenge.status(), challenge.error().orElse(null), challenge.reasonCode().orElse(null),
                challenge.description());
    }

    /** @return the 503 answered while a key source or the token store is unavailable */
    public static Refusal unavailable() {
        return UNAVAILABLE;
    }

    /** @return the 403 without challenge, for a resource that nobody may call ({@code @DenyAll}) */
    public static Refusal denied() {
        return DENIED;
    }

    /** @return the HTTP status: 400, 401, 403 or 503 */
    public int status() {
        return status;
    }

    /** @return the RFC 6750 error code; empty without a token (401) and for 403 denied and 503 */
    public Optional<BearerErrorCode> error() {
        return Optional.ofNullable(error);
    }

    /**
     * @return the stable reason code, for example {@code EXPIRED} or {@code MISSING_ROLE}; empty
     *     without a token, for 403 denied and for 503
     */
    public Optional<String> reasonCode() {
        return Optional.ofNullable(reasonCode);
    }

    /** @return the fixed, client-safe description: printable ASCII, never part of a token */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return status + " " + (reasonCode != null ? reasonCode : "") + " " + description;
    }
}
