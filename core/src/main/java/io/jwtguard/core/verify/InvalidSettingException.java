package io.jwtguard.core.verify;

import java.util.Objects;

/**
 * A {@link VerifierConfigBuilder} setting cannot be used, or the posture check refused it. The
 * message starts with the setting's name (by default the builder method, for example
 * {@code issuer(String): the issuer is blank ...}; see {@link SettingNames}) and says how to fix
 * it; it never contains a secret or key material.
 */
public final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String problemAndFix;

    /**
     * @param setting the name of the setting at fault, not null
     * @param problemAndFix what is wrong and how to fix it, not null
     */
    public InvalidSettingException(String setting, String problemAndFix) {
        super(Objects.requireNonNull(setting, "setting") + ": "
                + Objects.requireNonNull(problemAndFix, "problemAndFix"));
        this.setting = setting;
        this.problemAndFix = problemAndFix;
    }

    /** @return the name of the setting at fault, never null */
    public String setting() {
        return setting;
    }

    /** @return what is wrong and how to fix it, without the setting's name */
    public String problemAndFix() {
        return problemAndFix;
    }
}
