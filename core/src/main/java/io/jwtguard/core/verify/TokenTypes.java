package io.jwtguard.core.verify;

import java.util.Locale;

/** Compares {@code typ} and {@code cty} values as RFC 7515 section 4.1.9 says. Stateless. */
public final class TokenTypes {
    private TokenTypes() {
    }

    /**
     * Normalises a {@code typ} value as RFC 7515 section 4.1.9 compares them: case-insensitive,
     * with the {@code application/} prefix optional.
     *
     * @param type a media type, not null
     * @return its short lower-case form
     */
    public static String normalize(String type) {
        String lower = type.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("application/") && lower.indexOf('/', "application/".length()) < 0
                ? lower.substring("application/".length()) : lower;
    }
}
