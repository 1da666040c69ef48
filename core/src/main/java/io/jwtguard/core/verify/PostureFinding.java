package io.jwtguard.core.verify;

import java.util.Objects;

/**
 * One finding of the posture check: what, how serious, which setting, and how to fix it.
 * Immutable. Never contains secrets or key material.
 *
 * @param code what was found, not null
 * @param severity how serious, not null
 * @param setting the setting concerned, named as the configuration was written (a builder
 *     method, or a property when loaded; see {@link SettingNames}), not null
 * @param message what is wrong and how to fix it, not null
 */
public record PostureFinding(FindingCode code, Severity severity, String setting, String message) {
    public PostureFinding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return severity + " " + code + " (" + setting + "): " + message;
    }
}
