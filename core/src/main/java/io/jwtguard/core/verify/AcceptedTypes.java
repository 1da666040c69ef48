package io.jwtguard.core.verify;

import static io.jwtguard.core.verify.TokenParts.reject;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code typ} header rule of one issuer: the accepted access-token types, and whether a type
 * is required. Immutable and thread-safe.
 */
final class AcceptedTypes {
    private final Set<String> normalized;
    /**
     * The accepted values as tokens usually spell them (as configured, and in upper case: "JWT"),
     * so the common case needs no normalisation; any other spelling is normalised.
     */
    private final Set<String> spellings;
    private final boolean required;

    /** @param normalized accepted types, normalised as {@link TokenTypes#normalize(String)} */
    AcceptedTypes(Set<String> normalized, boolean required) {
        this.normalized = Set.copyOf(normalized);
        Set<String> usual = new HashSet<>();
        for (String type : normalized) {
            usual.add(type);
            usual.add(type.toUpperCase(Locale.ROOT));
        }
        this.spellings = Set.copyOf(usual);
        this.required = required;
    }

    /**
     * @param typ the header's {@code typ}, null when absent
     * @throws TokenRejectedException {@link RejectionReason#TYPE_NOT_ACCEPTED} if it is refused
     */
    void check(String typ) {
        if (typ == null ? required : !(spellings.contains(typ) || normalized.contains(TokenTypes.normalize(typ)))) {
            throw reject(RejectionReason.TYPE_NOT_ACCEPTED, typ == null ? "'typ' is required"
                    : "'typ' is not an accepted access-token type");
        }
    }

    /** @return the accepted types, normalised */
    Set<String> normalized() {
        return normalized;
    }
}
