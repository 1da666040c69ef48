package io.jwtguard.core.verify;

/** How serious a posture finding is. */
public enum Severity {
    /** Refused: deployment fails until the setting is fixed or the finding acknowledged. */
    ERROR,
    /** Accepted but weaker than it should be, or a refused setting that was acknowledged. */
    WARNING,
    /** Worth knowing; nothing to fix. */
    INFO
}
