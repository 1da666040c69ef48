package io.jwtguard.core.verify;

import static io.jwtguard.core.verify.TokenParts.optionalString;
import static io.jwtguard.core.verify.TokenParts.reject;

import io.jwtguard.core.jose.JwsAlgorithm;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The header step of the pipeline: the rules of RFC 7515 and RFC 8725 for JWS headers, and those
 * shared with JWE headers (no key-bearing members, no critical extensions). Immutable and
 * thread-safe.
 */
final class HeaderPolicy {
    private static final Set<String> KEY_HEADERS = Set.of("jwk", "jku", "x5u", "x5c");

    private final VerifierConfig config;
    /**
     * The accepted {@code typ} values as tokens usually spell them (as configured, and in upper
     * case: "JWT"), so the common case needs no normalisation; any other spelling is normalised.
     */
    private final Set<String> acceptedTypeSpellings;

    HeaderPolicy(VerifierConfig config) {
        this.config = config;
        Set<String> spellings = new HashSet<>();
        for (String type : config.acceptedTypes()) {
            spellings.add(type);
            spellings.add(type.toUpperCase(Locale.ROOT));
        }
        this.acceptedTypeSpellings = Set.copyOf(spellings);
    }

    /** Header rules of RFC 7515 and RFC 8725, in the order of the cheapest and most important. */
    JwsAlgorithm checkJwsHeader(JsonObject header) {
        JsonValue alg = header.get("alg");
        if (!(alg instanceof JsonString)) {
            throw reject(RejectionReason.ALGORITHM_NOT_ALLOWED, "the header has no string 'alg'");
        }
        String algName = ((JsonString) alg).getString();
        if (JwsAlgorithm.isNone(algName)) {
            throw reject(RejectionReason.ALGORITHM_NONE, "'alg' is none");
        }
        checkCommonHeader(header);
        JsonValue b64 = header.get("b64");
        if (b64 != null && b64 != JsonValue.TRUE) {
            throw reject(RejectionReason.UNENCODED_PAYLOAD, "'b64' is not true");
        }
        JwsAlgorithm algorithm = JwsAlgorithm.fromJoseName(algName).orElse(null);
        if (algorithm == null) {
            throw reject(RejectionReason.ALGORITHM_NOT_ALLOWED, "algorithm is not supported");
        }
        String cty = optionalString(header, "cty");
        if (cty != null && TokenTypes.normalize(cty).equals("jwt")) {
            throw reject(RejectionReason.MALFORMED_HEADER, "a JWS with 'cty: JWT' (nested signing) is not accepted");
        }
        String typ = optionalString(header, "typ");
        if (typ == null ? config.typeRequired() : !typeAccepted(typ)) {
            throw reject(RejectionReason.TYPE_NOT_ACCEPTED, typ == null ? "'typ' is required"
                    : "'typ' is not an accepted access-token type");
        }
        return algorithm;
    }

    private boolean typeAccepted(String typ) {
        return acceptedTypeSpellings.contains(typ) || config.acceptedTypes().contains(TokenTypes.normalize(typ));
    }

    /** Rules shared by JWS and JWE headers: no key-bearing members, no critical extensions, string kid. */
    static void checkCommonHeader(JsonObject header) {
        for (String member : KEY_HEADERS) {
            if (header.containsKey(member)) {
                throw reject(RejectionReason.KEY_IN_HEADER, "the header carries '" + member + "'");
            }
        }
        if (header.containsKey("crit")) {
            // We implement no JOSE extension, so every crit (well-formed or not) names one we do not understand.
            JsonValue crit = header.get("crit");
            String detail = !(crit instanceof JsonArray) || ((JsonArray) crit).isEmpty()
                    ? "'crit' is not a non-empty array" : "'crit' names extensions this verifier does not implement";
            throw reject(RejectionReason.UNSUPPORTED_CRITICAL_HEADER, detail);
        }
        JsonValue kid = header.get("kid");
        if (kid != null && !(kid instanceof JsonString)) {
            throw reject(RejectionReason.MALFORMED_HEADER, "'kid' is not a string");
        }
        for (String member : new String[] {"typ", "cty"}) {
            JsonValue value = header.get(member);
            if (value != null && !(value instanceof JsonString)) {
                throw reject(RejectionReason.MALFORMED_HEADER, "'" + member + "' is not a string");
            }
        }
    }
}
