package io.jwtguard.runtime.http;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link TokenResolver} found in a request: no token, exactly one token, or more than one
 * (which RFC 6750, section 2, forbids: {@code invalid_request}). Immutable. {@link #toString()}
 * never prints the token.
 */
public final class Extraction {
    /** The three possible findings. */
    public enum Kind {
        /** The request carries no bearer token. */
        NONE,
        /** The request carries exactly one token. */
        ONE,
        /** The request carries more than one token, or one in more than one place. */
        MULTIPLE
    }

    private static final Extraction NONE = new Extraction(Kind.NONE, null, false);
    private static final Extraction MULTIPLE = new Extraction(Kind.MULTIPLE, null, false);

    private final Kind kind;
    private final String token;
    private final boolean dpop;

    private Extraction(Kind kind, String token, boolean dpop) {
        this.kind = kind;
        this.token = token;
        this.dpop = dpop;
    }

    /** @return the finding for a request without a token */
    public static Extraction none() {
        return NONE;
    }

    /** @return the finding for a request carrying more than one token */
    public static Extraction multiple() {
        return MULTIPLE;
    }

    /**
     * @param token the token as sent, possibly empty (then the verifier refuses it), not null
     * @return the finding for a request carrying exactly this token
     */
    public static Extraction of(String token) {
        return new Extraction(Kind.ONE, Objects.requireNonNull(token, "token"), false);
    }

    /**
     * @param token the token as sent with {@code Authorization: DPoP} (RFC 9449 section 7.1), not null
     * @return the finding for a request carrying exactly this DPoP-scheme token; its proof is checked next
     */
    public static Extraction ofDPoP(String token) {
        return new Extraction(Kind.ONE, Objects.requireNonNull(token, "token"), true);
    }

    /** @return whether the one token came with the {@code DPoP} scheme rather than {@code Bearer} */
    public boolean dpop() {
        return dpop;
    }

    /** @return the kind of finding, never null */
    public Kind kind() {
        return kind;
    }

    /** @return the token when {@link #kind()} is {@link Kind#ONE}, else empty */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    @Override
    public String toString() {
        return "Extraction[" + kind + (dpop ? ", DPoP" : "") + "]";
    }
}
