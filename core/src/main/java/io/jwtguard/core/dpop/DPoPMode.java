package io.jwtguard.core.dpop;

import java.util.Locale;
import java.util.Optional;

/**
 * Which authorization schemes a resource server accepts ({@code jwtguard.dpop.mode}). Whatever the
 * mode, a DPoP-bound token (one with {@code cnf.jkt}) presented as a bearer token is refused
 * (RFC 9449, section 7.1).
 */
public enum DPoPMode {
    /** Bearer tokens only; {@code Authorization: DPoP} is refused. The default. */
    OFF,
    /** Bearer tokens and DPoP-bound tokens with their proof. */
    ALLOWED,
    /** DPoP-bound tokens with their proof only; bearer tokens are refused. */
    REQUIRED;

    /** @return the property value, for example {@code allowed} */
    public String propertyValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value a property value, compared case-insensitively after trimming
     * @return the mode, empty when the value is none of {@code off}, {@code allowed}, {@code required}
     */
    public static Optional<DPoPMode> fromProperty(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        for (DPoPMode mode : values()) {
            if (mode.propertyValue().equals(v)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
