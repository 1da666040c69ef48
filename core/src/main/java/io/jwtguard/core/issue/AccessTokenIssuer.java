package io.jwtguard.core.issue;

import io.jwtguard.core.refresh.OpaqueTokens;
import io.jwtguard.core.revocation.RevocationService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.jose.SignatureEngines;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.jose4j.jwx.Headers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Signs short-lived access tokens (RFC 9068): header {@code typ} ({@code at+jwt} by default),
 * {@code alg} and {@code kid} of the ring's active key; claims {@code iss}, {@code sub},
 * {@code aud}, {@code exp}, {@code iat}, {@code jti} (128 random bits), {@code groups},
 * {@code scope} (space-separated, omitted when empty), {@code client_id} and, for tokens issued
 * from a refresh family, {@code sid} (the family id, so revoking the family revokes them) and, when
 * the token service issues, the subject's revocation epoch
 * ({@value io.jwtguard.core.revocation.RevocationService#SUBJECT_EPOCH_CLAIM}, so that "log out
 * everywhere" separates earlier tokens from later ones exactly) and, for a client that proved a DPoP
 * key, {@code cnf.jkt} (RFC 9449 section 6.1). Times come from the
 * injected {@link Clock}, never from the signing library. jose4j (a direct dependency; smallrye-jwt
 * is not used) writes the header and claims; the signature comes from {@link SignatureEngines},
 * the providers the verifier uses ({@code jwtguard.crypto.provider}). Thread-safe.
 */
public final class AccessTokenIssuer {
    private final SigningKeyRing ring;
    private final AccessTokenSettings settings;
    private final Clock clock;
    private final SignatureEngines engines;

    /**
     * An issuer that signs with the JDK's providers.
     *
     * @param ring the keys, not null
     * @param settings issuer, audiences, lifetime and type, not null
     * @param clock the time source, not null
     */
    public AccessTokenIssuer(SigningKeyRing ring, AccessTokenSettings settings, Clock clock) {
        this(ring, settings, clock, SignatureEngines.jdk());
    }

    /**
     * @param ring the keys, not null
     * @param settings issuer, audiences, lifetime and type, not null
     * @param clock the time source, not null
     * @param engines the providers that sign, not null
     */
    public AccessTokenIssuer(SigningKeyRing ring, AccessTokenSettings settings, Clock clock,
            SignatureEngines engines) {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.engines = Objects.requireNonNull(engines, "engines");
    }

    /**
     * @param subject the {@code sub}, not null
     * @param clientId the {@code client_id}, not null
     * @param scope the granted scope, not null
     * @param groups the {@code groups}, not null
     * @return the signed token
     */
    public IssuedAccessToken issue(String subject, String clientId, Set<String> scope, Set<String> groups) {
        return issue(subject, clientId, scope, groups, null);
    }

    /**
     * As {@link #issue(String, String, Set, Set)}, naming the grant the token comes from.
     *
     * @param grantId the refresh family, put in {@code sid} so that revoking the family revokes
     *     the token too; null for none
     */
    public IssuedAccessToken issue(String subject, String clientId, Set<String> scope, Set<String> groups,
            String grantId) {
        return issue(subject, clientId, scope, groups, grantId, null);
    }

    /**
     * As {@link #issue(String, String, Set, Set, String)}, also stating when the user authenticated.
     *
     * @param authTime when the user last authenticated, put in {@code auth_time} (OpenID Connect
     *     Core section 2) so that per-resource freshness ({@code @MaxTokenAge}) measures the login,
     *     not the last refresh; null for none
     */
    public IssuedAccessToken issue(String subject, String clientId, Set<String> scope, Set<String> groups,
            String grantId, Instant authTime) {
        return issue(subject, clientId, scope, groups, grantId, authTime, null);
    }

    /**
     * As {@link #issue(String, String, Set, Set, String, Instant)}, also stating the subject's
     * revocation epoch.
     *
     * @param subjectEpoch the subject's revocation epoch read from the store before this token was
     *     asked for ({@link io.jwtguard.core.store.RevocationStore#subjectEpoch}), put in
     *     {@value io.jwtguard.core.revocation.RevocationService#SUBJECT_EPOCH_CLAIM}; null for none
     *     (the token is then judged by its {@code iat})
     */
    public IssuedAccessToken issue(String subject, String clientId, Set<String> scope, Set<String> groups,
            String grantId, Instant authTime, Long subjectEpoch) {
        return issue(subject, clientId, scope, groups, grantId, authTime, subjectEpoch, null);
    }

    /**
     * As {@link #issue(String, String, Set, Set, String, Instant, Long)}, binding the token to a DPoP key.
     *
     * @param dpopThumbprint the RFC 7638 thumbprint of the client's DPoP key, put in {@code cnf.jkt}
     *     (RFC 9449 section 6.1) so that resource servers accept the token only with a proof by that key
     *     and never as a bearer token; null for a bearer token
     */
    public IssuedAccessToken issue(String subject, String clientId, Set<String> scope, Set<String> groups,
            String grantId, Instant authTime, Long subjectEpoch, String dpopThumbprint) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        // whole seconds: NumericDate has second precision, and exp - iat must equal the lifetime
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Instant expiresAt = now.plus(settings.lifetime());
        String jti = OpaqueTokens.newId();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(settings.issuer());
        claims.setSubject(subject);
        claims.setAudience(new ArrayList<>(settings.audiences()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setJwtId(jti);
        claims.setStringListClaim("groups", List.copyOf(groups));
        if (!scope.isEmpty()) {
            claims.setClaim("scope", String.join(" ", scope));
        }
        claims.setClaim("client_id", clientId);
        if (grantId != null) {
            claims.setClaim("sid", grantId);
        }
        if (authTime != null) {
            claims.setClaim("auth_time", authTime.getEpochSecond());
        }
        if (subjectEpoch != null) {
            claims.setClaim(RevocationService.SUBJECT_EPOCH_CLAIM, subjectEpoch);
        }
        if (dpopThumbprint != null) {
            claims.setClaim("cnf", Map.of("jkt", dpopThumbprint));
        }

        SigningKey key = ring.signingKey();
        Headers header = new Headers();
        header.setStringHeaderValue("alg", key.algorithm().joseName());
        header.setStringHeaderValue("kid", key.keyId());
        header.setStringHeaderValue("typ", settings.type());
        String signingInput = Base64Url.encode(header.getFullHeaderAsJsonString().getBytes(StandardCharsets.UTF_8))
                + "." + Base64Url.encode(claims.toJson().getBytes(StandardCharsets.UTF_8));
        try {
            byte[] signature = engines.sign(key.algorithm(), key.privateKey(),
                    signingInput.getBytes(StandardCharsets.US_ASCII));
            return new IssuedAccessToken(signingInput + "." + Base64Url.encode(signature), jti, now, expiresAt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with key " + key.keyId() + " ("
                    + engines.providerFor(key.algorithm()) + ")", e);
        }
    }

    /** @return the settings in force */
    public AccessTokenSettings settings() {
        return settings;
    }

    /** @return the key ring */
    public SigningKeyRing keyRing() {
        return ring;
    }
}
