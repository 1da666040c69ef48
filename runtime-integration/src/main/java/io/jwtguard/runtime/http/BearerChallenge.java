package io.jwtguard.runtime.http;

import io.jwtguard.core.verify.BearerErrorCode;
import io.jwtguard.core.verify.RefusalReason;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * An RFC 6750 (section 3) bearer challenge: the HTTP status and the {@code WWW-Authenticate}
 * header value, for example {@code Bearer realm="api", error="invalid_token",
 * error_description="The token is expired"}.
 *
 * <p>Rules: with no token in the request the challenge carries no {@code error} (RFC 6750,
 * section 3.1); attribute values are quoted-strings restricted to the characters that
 * section 3 allows ({@code %x20-21 / %x23-5B / %x5D-7E}); a description outside that set is
 * replaced by a safe default rather than breaking the header; a {@code scope} attribute lists
 * scope-tokens ({@code %x21 / %x23-5B / %x5D-7E}) separated by spaces. Nothing from the request
 * (token, header) is ever echoed: descriptions are the fixed texts of {@link RefusalReason}
 * or of the runtime.
 *
 * <p>Immutable and thread-safe.
 */
public final class BearerChallenge {
    /** The description used when a given one contains characters RFC 6750 does not allow. */
    public static final String SAFE_DESCRIPTION = "The request was refused";

    /** The description of a challenge without error (no token where one is needed). */
    public static final String NO_TOKEN_DESCRIPTION = "A bearer token is required";

    private final int status;
    private final String headerValue;
    private final BearerErrorCode error;
    private final String reasonCode;
    private final String description;

    private BearerChallenge(int status, String headerValue, BearerErrorCode error, String reasonCode,
            String description) {
        this.status = status;
        this.headerValue = headerValue;
        this.error = error;
        this.reasonCode = reasonCode;
        this.description = description;
    }

    /**
     * The challenge for a request without a token to a resource that needs one: 401 and
     * {@code Bearer realm="..."}.
     *
     * @param realm the protection realm; must satisfy {@link #isValidRealm(String)}
     */
    public static BearerChallenge noToken(String realm) {
        return new BearerChallenge(401, "Bearer realm=\"" + checkedRealm(realm) + "\"", null, null,
                NO_TOKEN_DESCRIPTION);
    }

    /**
     * The challenge for a refused token: the status and {@code error} of the reason, and its
     * fixed description.
     */
    public static BearerChallenge rejected(String realm, RefusalReason reason) {
        return rejected(realm, reason, null);
    }

    /**
     * The challenge for a refused request: a {@code DPoP} challenge when the refusal asks for one
     * ({@link AuthenticationOutcome.Rejected#dpopAlgorithms()}), else a {@code Bearer} one.
     */
    public static BearerChallenge rejected(String realm, AuthenticationOutcome.Rejected rejected) {
        return rejected.dpopAlgorithms().isPresent()
                ? dpop(realm, rejected.reason(), rejected.dpopAlgorithms().get())
                : rejected(realm, rejected.reason());
    }

    /**
     * An RFC 9449 (section 7.1) challenge: {@code DPoP realm="...", algs="ES256 PS256",
     * error="invalid_dpop_proof", error_description="..."}, with the status of the reason.
     *
     * @param realm the protection realm; must satisfy {@link #isValidRealm(String)}
     * @param reason why, not null
     * @param algorithms the accepted proof algorithms, space-separated JOSE names; names with other
     *     characters are left out
     */
    public static BearerChallenge dpop(String realm, RefusalReason reason, String algorithms) {
        BearerErrorCode error = reason.errorCode();
        StringBuilder value = new StringBuilder("DPoP realm=\"").append(checkedRealm(realm)).append('"');
        StringJoiner algs = new StringJoiner(" ");
        for (String alg : algorithms.split(" ")) {
            if (!alg.isEmpty() && alg.chars().allMatch(Character::isLetterOrDigit)) {
                algs.add(alg);
            }
        }
        if (algs.length() > 0) {
            value.append(", algs=\"").append(algs).append('"');
        }
        value.append(", error=\"").append(error.code()).append('"');
        String description = reason.description();
        String safe = description != null && isValidDescription(description) ? description : SAFE_DESCRIPTION;
        value.append(", error_description=\"").append(safe).append('"');
        return new BearerChallenge(error.httpStatus(), value.toString(), error, reason.name(), safe);
    }

    /**
     * The challenge for a request without a token where DPoP is accepted: a {@code DPoP} challenge
     * advertising the proof algorithms, after a {@code Bearer} one when bearer tokens are accepted too
     * (RFC 9449 section 7.2, RFC 9110 section 11.6.1: several challenges in one header value).
     */
    public static BearerChallenge noToken(String realm, String dpopAlgorithms, boolean bearerToo) {
        StringBuilder value = new StringBuilder();
        if (bearerToo) {
            value.append("Bearer realm=\"").append(checkedRealm(realm)).append("\", ");
        }
        value.append("DPoP realm=\"").append(checkedRealm(realm)).append('"');
        StringJoiner algs = new StringJoiner(" ");
        for (String alg : dpopAlgorithms.split(" ")) {
            if (!alg.isEmpty() && alg.chars().allMatch(Character::isLetterOrDigit)) {
                algs.add(alg);
            }
        }
        if (algs.length() > 0) {
            value.append(", algs=\"").append(algs).append('"');
        }
        return new BearerChallenge(401, value.toString(), null, null, NO_TOKEN_DESCRIPTION);
    }

    /**
     * As {@link #rejected(String, RefusalReason)}, with the scopes an {@code insufficient_scope}
     * refusal names.
     *
     * @param scopes the scopes the resource needs; may be null or empty
     */
    public static BearerChallenge rejected(String realm, RefusalReason reason, Collection<String> scopes) {
        return challenge(realm, reason.errorCode(), reason.name(), reason.description(), scopes);
    }

    /**
     * A challenge with an error.
     *
     * @param realm the protection realm; must satisfy {@link #isValidRealm(String)}
     * @param error the RFC 6750 error code, not null; sets the status
     * @param description a fixed, client-safe text; replaced by {@link #SAFE_DESCRIPTION} when
     *     it has characters RFC 6750 forbids
     * @param scopes for {@code insufficient_scope}, the scopes the resource needs; may be null
     *     or empty (no {@code scope} attribute); scope values with forbidden characters are left out
     */
    public static BearerChallenge error(String realm, BearerErrorCode error, String description,
            Collection<String> scopes) {
        return challenge(realm, error, null, description, scopes);
    }

    private static BearerChallenge challenge(String realm, BearerErrorCode error, String reasonCode,
            String description, Collection<String> scopes) {
        Objects.requireNonNull(error, "error");
        StringBuilder value = new StringBuilder("Bearer realm=\"").append(checkedRealm(realm)).append('"');
        value.append(", error=\"").append(error.code()).append('"');
        String safe = description != null && isValidDescription(description) ? description : SAFE_DESCRIPTION;
        value.append(", error_description=\"").append(safe).append('"');
        if (scopes != null && !scopes.isEmpty()) {
            StringJoiner joined = new StringJoiner(" ");
            scopes.stream().filter(BearerChallenge::isValidScopeToken).forEach(joined::add);
            if (joined.length() > 0) {
                value.append(", scope=\"").append(joined).append('"');
            }
        }
        return new BearerChallenge(error.httpStatus(), value.toString(), error, reasonCode, safe);
    }

    /** @return whether {@code realm} can be written as the realm quoted-string */
    public static boolean isValidRealm(String realm) {
        return realm != null && !realm.isEmpty() && isValidDescription(realm);
    }

    private static String checkedRealm(String realm) {
        if (!isValidRealm(realm)) {
            throw new IllegalArgumentException("the realm must be non-empty printable ASCII without '\"' or '\\'");
        }
        return realm;
    }

    private static boolean isValidDescription(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static boolean isValidScopeToken(String scope) {
        if (scope == null || scope.isEmpty()) {
            return false;
        }
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (c <= 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** @return the HTTP status: 401, 403 or 400 */
    public int status() {
        return status;
    }

    /** @return the {@code WWW-Authenticate} header value, never null */
    public String headerValue() {
        return headerValue;
    }

    /** @return the error code, empty for a challenge without error */
    public Optional<BearerErrorCode> error() {
        return Optional.ofNullable(error);
    }

    /**
     * @return the stable code of the refusal reason ({@link RefusalReason#name()}), empty for a
     *     challenge without error or one built by {@link #error}
     */
    public Optional<String> reasonCode() {
        return Optional.ofNullable(reasonCode);
    }

    /** @return the client-safe description: the {@code error_description}, or a fixed text without error */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return status + " WWW-Authenticate: " + headerValue;
    }
}
