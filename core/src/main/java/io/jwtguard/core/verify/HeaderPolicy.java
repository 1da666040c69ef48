package io.jwtguard.core.verify;

import static io.jwtguard.core.verify.TokenParts.optionalString;
import static io.jwtguard.core.verify.TokenParts.reject;

import io.jwtguard.core.jose.JwsAlgorithm;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * The header step of the pipeline: the rules of RFC 7515 and RFC 8725 for JWS headers, and those
 * shared with JWE headers (no key-bearing members, no critical extensions). Immutable and
 * thread-safe.
 */
final class HeaderPolicy {
    private static final Set<String> KEY_HEADERS = Set.of("jwk", "jku", "x5u", "x5c");

    HeaderPolicy() {
    }

    /**
     * Header rules of RFC 7515 and RFC 8725, in the order of the cheapest and most important. The
     * {@code typ} rule is the issuer's ({@link AcceptedTypes}), checked once the issuer is known.
     */
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
        return algorithm;
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
