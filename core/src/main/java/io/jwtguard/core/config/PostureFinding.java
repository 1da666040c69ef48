package io.jwtguard.core.config;

import java.util.Objects;

/**
 * One finding of the posture check: what, how serious, which property, and how to fix it.
 * Immutable. Never contains secrets or key material.
 *
 * @param code what was found, not null
 * @param severity how serious, not null
 * @param property the configuration property concerned, not null
 * @param message what is wrong and how to fix it, not null
 */
public record PostureFinding(FindingCode code, Severity severity, String property, String message) {
    public PostureFinding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return severity + " " + code + " (" + property + "): " + message;
    }
}
