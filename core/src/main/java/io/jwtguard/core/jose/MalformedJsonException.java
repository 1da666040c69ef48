package io.jwtguard.core.jose;

/**
 * A JOSE header or claims set failed strict JSON parsing. {@link #kind()} says how, so callers
 * never need to read the message.
 */
public final class MalformedJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    /** How the JSON failed. */
    public enum Kind {
        /** Not UTF-8, not JSON, not an object at the top, or nested too deeply. */
        SYNTAX,
        /** An object repeats a member name. */
        DUPLICATE_MEMBER
    }

    private final Kind kind;

    MalformedJsonException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** @return how the JSON failed, never null */
    public Kind kind() {
        return kind;
    }
}
