package io.jwtguard.tck.hostile;

/**
 * One token sent to the target: its attack class (or {@code legitimate}), a short name, the token
 * text, and the answer expected (status and RFC 6750 {@code error}, null for a 2xx). Immutable.
 * {@link #toString()} never contains the token.
 */
public final class HostileCase {
    /** The attack class of the legitimate tokens, which must be accepted. */
    public static final String LEGITIMATE = "legitimate";

    private final String attackClass;
    private final String name;
    private final String token;
    private final int expectedStatus;
    private final String expectedError;

    HostileCase(String attackClass, String name, String token, int expectedStatus, String expectedError) {
        this.attackClass = attackClass;
        this.name = name;
        this.token = token;
        this.expectedStatus = expectedStatus;
        this.expectedError = expectedError;
    }

    static HostileCase rejected(String attackClass, String name, String token) {
        return new HostileCase(attackClass, name, token, 401, "invalid_token");
    }

    static HostileCase accepted(String name, String token) {
        return new HostileCase(LEGITIMATE, name, token, 200, null);
    }

    public String attackClass() {
        return attackClass;
    }

    public String name() {
        return name;
    }

    /** @return the token text: send it, never print it */
    public String token() {
        return token;
    }

    public int expectedStatus() {
        return expectedStatus;
    }

    /** @return the expected {@code error} of {@code WWW-Authenticate}, or null */
    public String expectedError() {
        return expectedError;
    }

    public boolean legitimate() {
        return LEGITIMATE.equals(attackClass);
    }

    @Override
    public String toString() {
        return attackClass + "/" + name + " (expect " + expectedStatus
                + (expectedError == null ? "" : " " + expectedError) + ")";
    }
}
