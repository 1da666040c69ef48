package io.jwtguard.core.refresh;

/** What happened to a refresh family. */
public enum RefreshEventType {
    /** A rotated token was presented again; the family was revoked (RFC 9700 section 4.14.2). */
    REUSE_DETECTED,
    /** The just-rotated token was presented again inside the grace window and rotated once more. */
    GRACE_REUSE,
    /** A family was revoked by logout, the revocation endpoint or an administrator. */
    FAMILY_REVOKED,
    /**
     * A token of a DPoP-bound family was presented with a proof by another key (RFC 9449 section 5):
     * very likely a stolen token. The family was left as it was (revoking it would let a thief without
     * the key end the user's session); worth an alert.
     */
    DPOP_KEY_MISMATCH
}
