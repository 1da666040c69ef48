package io.jwtguard.core.store;

/** The life of one refresh token: usable once, then rotated. */
public enum RefreshTokenState {
    /** Not used yet: the one token of its family that may be presented. */
    ACTIVE,
    /** Used and replaced by its successor; presenting it again is reuse (RFC 9700 section 4.14.2). */
    ROTATED
}
