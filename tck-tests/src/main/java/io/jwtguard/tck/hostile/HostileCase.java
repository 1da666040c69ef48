package io.jwtguard.tck.hostile;

import java.util.List;

/**
 * One token sent to the target: its attack class (or {@code legitimate}), a short name, the token
 * text, and the answer expected (status and RFC 6750 {@code error}, null for a 2xx). A DPoP case
 * (RFC 9449) names its {@code Authorization} scheme, the {@code DPoP} header values to send (none,
 * one or several), how often the identical request is sent (a replay sends it twice: the first must be
 * accepted, the second is the outcome) and the reason code expected in the RFC 9457 problem body.
 * Immutable. {@link #toString()} never contains the token or a proof.
 */
public final class HostileCase {
    /** The attack class of the legitimate tokens, which must be accepted. */
    public static final String LEGITIMATE = "legitimate";

    private final String attackClass;
    private final String name;
    private final String token;
    private final int expectedStatus;
    private final String expectedError;
    private final String scheme;
    private final List<String> proofs;
    private final int sends;
    private final String expectedReason;

    HostileCase(String attackClass, String name, String token, int expectedStatus, String expectedError) {
        this(attackClass, name, token, expectedStatus, expectedError, "Bearer", List.of(), 1, null);
    }

    HostileCase(String attackClass, String name, String token, int expectedStatus, String expectedError,
            String scheme, List<String> proofs, int sends, String expectedReason) {
        this.attackClass = attackClass;
        this.name = name;
        this.token = token;
        this.expectedStatus = expectedStatus;
        this.expectedError = expectedError;
        this.scheme = scheme;
        this.proofs = List.copyOf(proofs);
        this.sends = sends;
        this.expectedReason = expectedReason;
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

    /** @return the {@code Authorization} scheme: {@code Bearer} or {@code DPoP} */
    public String scheme() {
        return scheme;
    }

    /** @return the {@code DPoP} header values, one header line each: send them, never print them */
    public List<String> proofs() {
        return proofs;
    }

    /** @return how many times the identical request is sent; the last answer is the outcome */
    public int sends() {
        return sends;
    }

    /** @return the reason code expected in the problem body ({@code "reason"}), or null when not checked */
    public String expectedReason() {
        return expectedReason;
    }

    public boolean legitimate() {
        return LEGITIMATE.equals(attackClass);
    }

    @Override
    public String toString() {
        return attackClass + "/" + name + " (expect " + expectedStatus
                + (expectedError == null ? "" : " " + expectedError)
                + (expectedReason == null ? "" : " " + expectedReason) + ")";
    }
}
