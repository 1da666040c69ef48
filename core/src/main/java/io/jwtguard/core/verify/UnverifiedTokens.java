package io.jwtguard.core.verify;

import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.jose.EcdsaSignatures;
import io.jwtguard.core.jose.MalformedJsonException;
import io.jwtguard.core.jose.StrictJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * What may be read from a token that was not (or not successfully) verified, for diagnostics
 * only: rejection events and log fingerprints. Nothing returned here may ever decide access.
 * Stateless and thread-safe.
 */
public final class UnverifiedTokens {
    /** The longest issuer reported; longer values are not reported at all. */
    public static final int MAX_ISSUER_LENGTH = 256;

    private UnverifiedTokens() {
    }

    /**
     * The {@code iss} a compact JWS claims, read without trusting it: strictly decoded (canonical
     * base64url, strict JSON), size-capped, printable ASCII only.
     *
     * @param token the token as sent, not null
     * @param maxTokenSize tokens longer than this are not read (the verifier's
     *     {@link VerifierConfig#maxTokenSize()})
     * @return the claimed issuer; empty for a JWE, a malformed or oversized token, or a missing,
     *     empty, non-string, over-long ({@value #MAX_ISSUER_LENGTH}) or non-printable issuer
     */
    public static Optional<String> claimedIssuer(String token, int maxTokenSize) {
        if (token.length() > maxTokenSize) {
            return Optional.empty();
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            return Optional.empty();
        }
        try {
            JsonObject claims = StrictJson.parseObject(Base64Url.decode(token, first + 1, second));
            JsonValue iss = claims.get("iss");
            if (!(iss instanceof JsonString)) {
                return Optional.empty();
            }
            String issuer = ((JsonString) iss).getString();
            if (issuer.isEmpty() || issuer.length() > MAX_ISSUER_LENGTH
                    || !issuer.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
                return Optional.empty();
            }
            return Optional.of(issuer);
        } catch (MalformedJsonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * One spelling for both twins of an ECDSA-signed token, for fingerprints of tokens that were
     * not necessarily verified: (r, s) and (r, n - s) both verify, so a fingerprint of the raw
     * string would let the twin pass for another token. For a compact JWS whose {@code alg} is
     * ES256, ES384 or ES512 with a well-formed R || S signature: the spelling with min(s, n - s);
     * otherwise {@code token} itself.
     *
     * @param token any string, not null
     * @return the canonical spelling, or {@code token} (the same instance) when there is no other
     */
    public static String canonicalSpelling(String token) {
        return EcdsaSignatures.lowS(token);
    }
}
