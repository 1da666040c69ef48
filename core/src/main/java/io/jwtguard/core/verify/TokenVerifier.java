package io.jwtguard.core.verify;

import io.jwtguard.core.jose.Printable;
import static io.jwtguard.core.verify.TokenParts.decode;
import static io.jwtguard.core.verify.TokenParts.dots;
import static io.jwtguard.core.verify.TokenParts.optionalString;
import static io.jwtguard.core.verify.TokenParts.parse;
import static io.jwtguard.core.verify.TokenParts.reject;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.jose.JwsAlgorithm;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies bearer JWTs. One pipeline, cheapest check first: size cap, structure (3 or 5
 * segments) and strict base64url, strict header parse, algorithm allow-list (from
 * configuration, never from the token), key selection among trusted keys ({@code kid} is only a
 * lookup key), signature, strict claims parse, claim rules, revocation. A token is accepted only
 * if every step passed. Header members that point at keys ({@code jwk}, {@code jku},
 * {@code x5u}, {@code x5c}) are never followed: a token carrying one is refused.
 *
 * <p>Encrypted tokens (JWE, RFC 7516) are accepted only when decryption keys are configured,
 * and then exclusively: RSA-OAEP or RSA-OAEP-256 with A256GCM, no compression; the plaintext
 * must be a signed JWT ({@code cty: JWT}) unless the configuration accepts decrypt-only tokens
 * (mp-compat).
 *
 * <p>Immutable and thread-safe; build once with {@link #create(VerifierConfig)} and share.
 */
public final class TokenVerifier {
    private static final System.Logger LOG = System.getLogger(TokenVerifier.class.getName());

    private final VerifierConfig config;
    /** Set when exactly one issuer is trusted: no need to read {@code iss} before the signature. */
    private final IssuerPolicy single;
    /** Trusted issuers by exact {@code iss}, when there are several. */
    private final Map<String, IssuerPolicy> byIssuer;
    private final int maxTokenSize;
    /** With decryption configured, only JWE is accepted (MicroProfile JWT 2.1). */
    private final boolean encryptedOnly;
    /** Null when the cache is off. */
    private final VerifiedTokenCache cache;
    private final HeaderPolicy headerPolicy;
    private final SignatureCheck signatureCheck;
    private final JweDecryption jweDecryption;

    private TokenVerifier(VerifierConfig config) {
        this.config = config;
        this.headerPolicy = new HeaderPolicy();
        this.signatureCheck = new SignatureCheck(config.keyStrength(), config.signatureEngines());
        this.jweDecryption = new JweDecryption(config);
        this.maxTokenSize = config.maxTokenSize();
        this.encryptedOnly = config.decryptionKeys().isPresent();
        this.cache = config.cacheMaxSize() > 0 ? new VerifiedTokenCache(config.cacheMaxSize()) : null;
        if (config.trustedIssuers().isEmpty()) {
            this.single = IssuerPolicy.primary(config);
            this.byIssuer = Map.of();
        } else {
            Map<String, IssuerPolicy> policies = new HashMap<>();
            if (!config.keySources().isEmpty() && config.issuer().isPresent()) {
                policies.put(config.issuer().get(), IssuerPolicy.primary(config));
            }
            for (TrustedIssuer trusted : config.trustedIssuers()) {
                policies.put(trusted.issuer(), IssuerPolicy.trusted(config, trusted));
            }
            this.single = null;
            this.byIssuer = Map.copyOf(policies);
        }
    }

    /**
     * Builds a verifier and logs the configuration's posture report once.
     *
     * @param config a built configuration, not null
     */
    public static TokenVerifier create(VerifierConfig config) {
        Objects.requireNonNull(config, "config");
        boolean warnings = config.posture().findings().stream().anyMatch(f -> f.severity() == Severity.WARNING);
        LOG.log(warnings ? System.Logger.Level.WARNING : System.Logger.Level.INFO, config.posture().summary());
        return new TokenVerifier(config);
    }

    /** @return how many verified tokens are cached now (approximately); 0 when the cache is off */
    public long cachedTokenCount() {
        return cache == null ? 0 : cache.estimatedSize();
    }

    /** @return the configuration this verifier enforces */
    public VerifierConfig config() {
        return config;
    }

    /**
     * Verifies a compact-serialised JWS or JWE.
     *
     * @param token the token as sent, without the {@code Bearer} prefix; may be null
     * @return the verified token, never null
     * @throws TokenRejectedException if the token is refused; its reason says why
     * @throws VerificationUnavailableException if keys cannot be obtained: not the token's fault
     */
    public VerifiedToken verify(String token) {
        if (token == null || token.isEmpty()) {
            throw reject(RejectionReason.MALFORMED_TOKEN, "the token is empty");
        }
        if (token.length() > maxTokenSize) {
            throw reject(RejectionReason.SIZE_EXCEEDED, "the token has " + token.length()
                    + " characters, over the maximum of " + maxTokenSize);
        }
        if (cache != null) {
            VerifiedTokenCache.Entry hit = cache.get(token);
            if (hit != null) {
                Instant now = config.clock().instant();
                if (hit.usableAt(now.getEpochSecond())) {
                    // the application's rules may depend on time or on state that changed: run them again
                    hit.policy().checkApplicationRules(hit.token().claims(), now);
                    if (config.revocationCheck().isRevoked(hit.token())) {
                        throw reject(RejectionReason.REVOKED, "the token is revoked");
                    }
                    return hit.token();
                }
                cache.invalidate(token); // expired, too old, or keys changed: verify again from scratch
            }
        }
        // one byte per character: every legitimate character is base64url or '.', and any other
        // (a non-Latin-1 character becomes '?') is refused by the strict decoder
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        int[] dots = dots(token);
        if (dots.length == 2) {
            if (encryptedOnly) {
                throw reject(RejectionReason.ENCRYPTION_REQUIRED, "decryption is configured, so only JWE is accepted");
            }
            return verifyJws(ascii, dots, token);
        }
        if (dots.length == 4) {
            return verifyJwe(token, ascii, dots);
        }
        throw reject(RejectionReason.MALFORMED_TOKEN, "the token has " + (dots.length + 1)
                + " segments; a JWS has 3 and a JWE 5");
    }

    /**
     * @param jws the compact JWS, one byte per character; its first {@code dots[1]} bytes are the
     *     signing input, checked in place
     */
    private VerifiedToken verifyJws(byte[] jws, int[] dots, String rawToken) {
        int headerEnd = dots[0];
        int payloadEnd = dots[1];
        if (headerEnd == 0 || payloadEnd == headerEnd + 1) {
            throw reject(RejectionReason.MALFORMED_TOKEN, "the header or payload segment is empty");
        }
        if (payloadEnd == jws.length - 1) {
            throw reject(RejectionReason.MALFORMED_TOKEN, "the signature segment is empty");
        }
        byte[] headerBytes = decode(jws, 0, headerEnd);
        byte[] payloadBytes = decode(jws, headerEnd + 1, payloadEnd);
        byte[] signature = decode(jws, payloadEnd + 1, jws.length);

        JsonObject header = parse(headerBytes, "header");
        JwsAlgorithm algorithm = headerPolicy.checkJwsHeader(header);
        String kid = optionalString(header, "kid");

        JsonObject claims = null;
        IssuerPolicy policy = single;
        if (policy == null) {
            // several issuers: the exact iss picks the keys; the claims are parsed strictly but not
            // trusted until the signature of the chosen issuer's key verified
            claims = parse(payloadBytes, "claims");
            policy = policyFor(claims);
        }
        policy.acceptedTypes.check(optionalString(header, "typ"));
        if (!policy.allowedAlgorithms.contains(algorithm)) {
            throw reject(RejectionReason.ALGORITHM_NOT_ALLOWED, "algorithm " + algorithm + " is not in the allow-list "
                    + policy.allowedAlgorithms);
        }
        long keyVersion = policy.keyVersion(); // read before verifying, so a concurrent key change invalidates
        signatureCheck.verifySignature(policy.keySources, algorithm, kid, jws, payloadEnd, signature);

        if (claims == null) {
            claims = parse(payloadBytes, "claims");
        }
        return accept(policy, rawToken, claims, keyVersion);
    }

    private IssuerPolicy policyFor(JsonObject claims) {
        JsonValue iss = claims.get("iss");
        if (iss == null) {
            throw reject(RejectionReason.MISSING_CLAIM, "'iss' is missing and several issuers are trusted");
        }
        IssuerPolicy policy = iss instanceof JsonString ? byIssuer.get(((JsonString) iss).getString()) : null;
        if (policy == null) {
            throw reject(RejectionReason.ISSUER_MISMATCH, "'iss' is none of the trusted issuers: expected one of "
                    + byIssuer.keySet().stream().sorted().map(Printable::quoted).toList() + ", got "
                    + StandardClaimRules.describe(iss) + " (signature not checked)");
        }
        return policy;
    }

    private VerifiedToken verifyJwe(String jwe, byte[] ascii, int[] dots) {
        JweDecryption.Plaintext plaintext = jweDecryption.open(jwe, ascii, dots);
        if (plaintext.nested()) {
            // one char per byte: any byte outside base64url and '.' is refused while decoding
            int[] innerDots = dots(new String(plaintext.bytes(), StandardCharsets.ISO_8859_1));
            if (innerDots.length != 2) {
                throw reject(RejectionReason.MALFORMED_TOKEN, "the JWE does not contain a compact JWS");
            }
            return verifyJws(plaintext.bytes(), innerDots, jwe);
        }
        if (!config.decryptOnlyAccepted()) {
            throw reject(RejectionReason.NESTED_TOKEN_REQUIRED, "the JWE plaintext is not a signed JWT");
        }
        JsonObject claims = parse(plaintext.bytes(), "claims");
        IssuerPolicy policy = single != null ? single : policyFor(claims);
        return accept(policy, jwe, claims, policy.keyVersion());
    }

    /** Claim rules, principal, groups and revocation: the steps after the signature. */
    private VerifiedToken accept(IssuerPolicy policy, String rawToken, JsonObject claims, long keyVersion) {
        Instant now = config.clock().instant();
        policy.checkClaims(claims, now);
        VerifiedToken verified = new VerifiedToken(rawToken, claims, policy.groups(claims), policy.principalName(claims));
        if (config.revocationCheck().isRevoked(verified)) {
            throw reject(RejectionReason.REVOKED, "the token is revoked");
        }
        if (cache != null) {
            long validThrough = policy.validThrough(NumericDates.read(claims, "exp"), NumericDates.read(claims, "iat"));
            cache.put(rawToken, new VerifiedTokenCache.Entry(verified, policy, keyVersion, validThrough));
        }
        return verified;
    }

    @Override
    public String toString() {
        return "TokenVerifier[issuers=" + (single != null ? String.valueOf(single.issuer) : byIssuer.keySet())
                + ", profile=" + config.profile().propertyValue().toLowerCase(Locale.ROOT) + "]";
    }
}
