package io.jwtguard.core.verify;

import java.util.Locale;
import java.util.Optional;

/** The security profile: what weak settings are refused by default. */
public enum Profile {
    /** The default: weak settings fail deployment unless acknowledged. */
    HARDENED("hardened"),
    /**
     * Only for the MicroProfile JWT TCK and applications that need exactly what the specification
     * allows: also accepts 1024-bit RSA keys and decrypt-only JWE. Logged loudly at start-up.
     */
    MP_COMPAT("mp-compat");

    private final String propertyValue;

    Profile(String propertyValue) {
        this.propertyValue = propertyValue;
    }

    /** @return the value of {@code jwtguard.profile} that selects this profile */
    public String propertyValue() {
        return propertyValue;
    }

    /** @return the profile spelled {@code value} (case-insensitive), or empty */
    public static Optional<Profile> fromPropertyValue(String value) {
        for (Profile p : values()) {
            if (p.propertyValue.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
