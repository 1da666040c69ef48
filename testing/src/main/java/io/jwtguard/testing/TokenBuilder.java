package io.jwtguard.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Builds one test token of a {@link TestIssuer}. By default a valid access token: RS256, {@code typ: JWT},
 * the issuer's current key and {@code kid}, {@code iss} and {@code aud} of the issuer, {@code sub} and
 * {@code upn} {@code user-1}, {@code groups ["user"]}, a random {@code jti}, issued now (the issuer's clock) and valid for
 * 5 minutes. The shortcuts make the usual bad tokens. Not thread-safe; one builder per token.
 */
public final class TokenBuilder {
    private final TestIssuer issuer;
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private final Map<String, Object> headers = new LinkedHashMap<>();
    private SigningAlgorithm algorithm = SigningAlgorithm.RS256;
    private Instant issuedAt;
    private Duration lifetime = Duration.ofMinutes(5);
    private Instant notBefore;
    private String kid;
    private boolean tampered;

    TokenBuilder(TestIssuer issuer) {
        this.issuer = issuer;
        this.issuedAt = issuer.clock().instant();
        claims.put("iss", issuer.issuer());
        claims.put("aud", issuer.audience());
        claims.put("sub", "user-1");
        claims.put("upn", "user-1");
        claims.put("groups", List.of("user"));
        claims.put("jti", UUID.randomUUID().toString());
        headers.put("typ", "JWT");
    }

    /** @return this, signing with {@code value}'s key of the issuer */
    public TokenBuilder algorithm(SigningAlgorithm value) {
        this.algorithm = Objects.requireNonNull(value, "algorithm");
        return this;
    }

    /** @return this, with {@code sub} and {@code upn} set to {@code name} */
    public TokenBuilder subject(String name) {
        claims.put("sub", name);
        claims.put("upn", name);
        return this;
    }

    /** @return this, with these {@code groups} (MicroProfile JWT's roles) */
    public TokenBuilder groups(String... names) {
        claims.put("groups", List.of(names));
        return this;
    }

    /** @return this, with {@code scope} set to the names separated by spaces (OAuth 2.0) */
    public TokenBuilder scopes(String... names) {
        claims.put("scope", String.join(" ", names));
        return this;
    }

    /**
     * @param name a claim name
     * @param value a String, Number, Boolean, List or Map (nested as JSON); null removes the claim
     * @return this
     */
    public TokenBuilder claim(String name, Object value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return this;
    }

    /** @return this, with a header member (for example {@code typ}); null removes it */
    public TokenBuilder header(String name, Object value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    /** @return this, with {@code iss} set to {@code value} */
    public TokenBuilder issuer(String value) {
        return claim("iss", value);
    }

    /** @return this, with {@code aud} set to the values (one string, or an array for several) */
    public TokenBuilder audience(String... values) {
        return claim("aud", values.length == 1 ? values[0] : Arrays.asList(values));
    }

    /** @return this, with {@code kid} set to {@code value} instead of the signing key's */
    public TokenBuilder kid(String value) {
        this.kid = value;
        return this;
    }

    /** @return this, issued at {@code at} */
    public TokenBuilder issuedAt(Instant at) {
        this.issuedAt = Objects.requireNonNull(at, "at");
        return this;
    }

    /** @return this, expiring {@code value} after it was issued */
    public TokenBuilder lifetime(Duration value) {
        this.lifetime = Objects.requireNonNull(value, "lifetime");
        return this;
    }

    /** @return this, not valid before {@code at} */
    public TokenBuilder notBefore(Instant at) {
        this.notBefore = at;
        return this;
    }

    /** @return this, issued 10 minutes ago and expired 5 minutes ago (beyond any default skew) */
    public TokenBuilder expired() {
        return issuedAt(issuer.clock().instant().minus(Duration.ofMinutes(10))).lifetime(Duration.ofMinutes(5));
    }

    /** @return this, not valid before 10 minutes from now */
    public TokenBuilder notYetValid() {
        return notBefore(issuer.clock().instant().plus(Duration.ofMinutes(10)));
    }

    /** @return this, with an {@code iss} no application trusts */
    public TokenBuilder wrongIssuer() {
        return issuer("https://wrong-issuer.jwtguard.test");
    }

    /** @return this, with an {@code aud} of another service */
    public TokenBuilder wrongAudience() {
        return audience("another-api");
    }

    /** @return this, with the payload changed after signing (one claim's value), so the signature fails */
    public TokenBuilder tampered() {
        this.tampered = true;
        return this;
    }

    /** @return the compact token */
    public String sign() {
        JsonWebKey key = issuer.signingKey(algorithm);
        JwtClaims body = new JwtClaims();
        claims.forEach(body::setClaim);
        body.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        body.setExpirationTime(NumericDate.fromSeconds(issuedAt.plus(lifetime).getEpochSecond()));
        if (notBefore != null) {
            body.setNotBefore(NumericDate.fromSeconds(notBefore.getEpochSecond()));
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(body.toJson());
        jws.setAlgorithmHeaderValue(algorithm.jose());
        jws.setKeyIdHeaderValue(kid != null ? kid : key.getKeyId());
        headers.forEach((name, value) -> jws.getHeaders().setObjectHeaderValue(name, value));
        jws.setKey(key instanceof PublicJsonWebKey pair ? pair.getPrivateKey() : key.getKey());
        try {
            String token = jws.getCompactSerialization();
            return tampered ? tamper(token) : token;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign the test token: " + e.getMessage(), e);
        }
    }

    /** Changes {@code sub} in the signed payload; the signature stays the original one. */
    private String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        List<String> changed = new ArrayList<>(List.of(parts));
        String forged = payload.replaceFirst("\"sub\":\"[^\"]*\"", "\"sub\":\"admin\"");
        if (forged.equals(payload)) {
            forged = payload.replaceFirst("\\{", "{\"tampered\":true,");
        }
        changed.set(1, Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return String.join(".", changed);
    }
}
