package io.jwtguard.core.verify;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.jose.MalformedJsonException;
import io.jwtguard.core.jose.StrictJson;
import io.jwtguard.core.keys.DecryptionKey;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.KeyStrengthPolicy;
import io.jwtguard.core.keys.VerificationKey;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.lang.JoseException;

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
    private static final Set<String> KEY_HEADERS = Set.of("jwk", "jku", "x5u", "x5c");
    private static final String JWE_CONTENT_ENCRYPTION = ContentEncryptionAlgorithmIdentifiers.AES_256_GCM;

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
    /**
     * The accepted {@code typ} values as tokens usually spell them (as configured, and in upper
     * case: "JWT"), so the common case needs no normalisation; any other spelling is normalised.
     */
    private final Set<String> acceptedTypeSpellings;
    /** Applied to every key when it is used: key sources may serve keys that were never checked. */
    private final KeyStrengthPolicy keyStrength;

    private TokenVerifier(VerifierConfig config) {
        this.config = config;
        this.keyStrength = config.keyStrength();
        this.maxTokenSize = config.maxTokenSize();
        this.encryptedOnly = config.decryptionKeys().isPresent();
        this.cache = config.cacheMaxSize() > 0 ? new VerifiedTokenCache(config.cacheMaxSize()) : null;
        Set<String> spellings = new java.util.HashSet<>();
        for (String type : config.acceptedTypes()) {
            spellings.add(type);
            spellings.add(type.toUpperCase(Locale.ROOT));
        }
        this.acceptedTypeSpellings = Set.copyOf(spellings);
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
                if (hit.usableAt(config.clock().instant().getEpochSecond())) {
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
        JwsAlgorithm algorithm = checkJwsHeader(header);
        String kid = optionalString(header, "kid");

        JsonObject claims = null;
        IssuerPolicy policy = single;
        if (policy == null) {
            // several issuers: the exact iss picks the keys; the claims are parsed strictly but not
            // trusted until the signature of the chosen issuer's key verified
            claims = parse(payloadBytes, "claims");
            policy = policyFor(claims);
        }
        if (!policy.allowedAlgorithms.contains(algorithm)) {
            throw reject(RejectionReason.ALGORITHM_NOT_ALLOWED, "algorithm is not in the allow-list "
                    + policy.allowedAlgorithms);
        }
        long keyVersion = policy.keyVersion(); // read before verifying, so a concurrent key change invalidates
        verifySignature(policy.keySources, algorithm, kid, jws, payloadEnd, signature);

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
            throw reject(RejectionReason.ISSUER_MISMATCH, "'iss' is none of the trusted issuers");
        }
        return policy;
    }

    /** Header rules of RFC 7515 and RFC 8725, in the order of the cheapest and most important. */
    private JwsAlgorithm checkJwsHeader(JsonObject header) {
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
    private void checkCommonHeader(JsonObject header) {
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

    private void verifySignature(List<KeySource> sources, JwsAlgorithm algorithm, String kid, byte[] signingInput,
            int signingInputLength, byte[] signature) {
        int outcome = tryKeys(sources, algorithm, kid, signingInput, signingInputLength, signature);
        if (outcome == NO_CANDIDATE && kid != null) {
            // an unknown kid may mean the issuer rotated keys: sources that can refresh decide
            // (single-flight, rate-limited) whether to look; we retry once if anything changed.
            // A source that could not look makes the answer "unavailable" (503), not a rejection.
            boolean changed = false;
            VerificationUnavailableException couldNotLook = null;
            for (KeySource source : sources) {
                try {
                    changed |= source.refreshForUnknownKeyId(kid);
                } catch (VerificationUnavailableException e) {
                    couldNotLook = e; // another source may still have the key
                }
            }
            if (changed) {
                outcome = tryKeys(sources, algorithm, kid, signingInput, signingInputLength, signature);
            }
            if (outcome != VERIFIED && couldNotLook != null) {
                throw couldNotLook;
            }
        }
        if (outcome == VERIFIED) {
            return;
        }
        if (outcome == NO_CANDIDATE) {
            throw reject(RejectionReason.NO_MATCHING_KEY, "no trusted key for " + algorithm
                    + (kid == null ? "" : " with the token's kid"));
        }
        throw reject(RejectionReason.INVALID_SIGNATURE, "the " + algorithm + " signature does not verify");
    }

    private static final int VERIFIED = 0;
    private static final int NO_CANDIDATE = 1;
    private static final int BAD_SIGNATURE = 2;

    private int tryKeys(List<KeySource> sources, JwsAlgorithm algorithm, String kid, byte[] signingInput,
            int signingInputLength, byte[] signature) {
        boolean candidate = false;
        for (KeySource source : sources) {
            for (VerificationKey key : source.keys()) {
                if (!key.supports(algorithm) || !key.answersTo(kid)) {
                    continue;
                }
                if (!keyStrength.accepts(key)) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "Key " + key + " from " + source.describe()
                            + " is not used: under the minimum of " + keyStrength.minRsaBits() + " RSA bits");
                    continue;
                }
                candidate = true;
                try {
                    if (algorithm.verify(key.key(), signingInput, signingInputLength, signature)) {
                        return VERIFIED;
                    }
                } catch (GeneralSecurityException | ClassCastException e) {
                    LOG.log(System.Logger.Level.DEBUG, "Key " + key + " could not verify " + algorithm + ": "
                            + e.getClass().getSimpleName());
                }
            }
        }
        return candidate ? BAD_SIGNATURE : NO_CANDIDATE;
    }

    private VerifiedToken verifyJwe(String jwe, byte[] ascii, int[] dots) {
        if (config.decryptionKeys().isEmpty()) {
            throw reject(RejectionReason.ENCRYPTION_NOT_ACCEPTED, "a JWE was sent but no decryption key is configured");
        }
        // header . encrypted key . iv . ciphertext . tag: every segment strictly encoded; only the
        // encrypted key may be empty (as for "dir" and "ECDH-ES", which the algorithm check then refuses)
        int start = 0;
        for (int i = 0; i <= dots.length; i++) {
            int end = i < dots.length ? dots[i] : ascii.length;
            if (end == start && i != 1) {
                throw reject(RejectionReason.MALFORMED_TOKEN, "JWE segment " + (i + 1) + " is empty");
            }
            decode(ascii, start, end);
            start = end + 1;
        }
        JsonObject header = parse(decode(ascii, 0, dots[0]), "JWE header");
        JsonValue alg = header.get("alg");
        if (alg instanceof JsonString && JwsAlgorithm.isNone(((JsonString) alg).getString())) {
            throw reject(RejectionReason.ALGORITHM_NONE, "'alg' is none");
        }
        if (header.containsKey("zip")) {
            throw reject(RejectionReason.ENCRYPTION_NOT_ACCEPTED, "compressed JWE ('zip') is not accepted");
        }
        KeyManagementAlgorithm keyAlgorithm = alg instanceof JsonString
                ? KeyManagementAlgorithm.fromJoseName(((JsonString) alg).getString()).orElse(null) : null;
        if (keyAlgorithm == null || !config.keyManagementAlgorithms().contains(keyAlgorithm)) {
            throw reject(RejectionReason.ENCRYPTION_NOT_ACCEPTED, "JWE key management algorithm is not accepted");
        }
        JsonValue enc = header.get("enc");
        if (!(enc instanceof JsonString) || !((JsonString) enc).getString().equals(JWE_CONTENT_ENCRYPTION)) {
            throw reject(RejectionReason.ENCRYPTION_NOT_ACCEPTED, "JWE content encryption must be A256GCM");
        }
        checkCommonHeader(header);
        String kid = optionalString(header, "kid");
        byte[] plaintext = decrypt(jwe, keyAlgorithm, kid);

        String cty = optionalString(header, "cty");
        // RFC 7519 section 5.2: a nested JWT MUST say so with cty; we never guess from the plaintext
        boolean nested = cty != null && TokenTypes.normalize(cty).equals("jwt");
        if (nested) {
            // one char per byte: any byte outside base64url and '.' is refused while decoding
            int[] innerDots = dots(new String(plaintext, StandardCharsets.ISO_8859_1));
            if (innerDots.length != 2) {
                throw reject(RejectionReason.MALFORMED_TOKEN, "the JWE does not contain a compact JWS");
            }
            return verifyJws(plaintext, innerDots, jwe);
        }
        if (!config.decryptOnlyAccepted()) {
            throw reject(RejectionReason.NESTED_TOKEN_REQUIRED, "the JWE plaintext is not a signed JWT");
        }
        JsonObject claims = parse(plaintext, "claims");
        IssuerPolicy policy = single != null ? single : policyFor(claims);
        return accept(policy, jwe, claims, policy.keyVersion());
    }

    private byte[] decrypt(String jwe, KeyManagementAlgorithm keyAlgorithm, String kid) {
        boolean candidate = false;
        for (DecryptionKey key : config.decryptionKeys().get().keys()) {
            if (!key.answersTo(kid)) {
                continue;
            }
            candidate = true;
            try {
                JsonWebEncryption decryption = new JsonWebEncryption();
                decryption.setAlgorithmConstraints(new AlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT, keyAlgorithm.joseName()));
                decryption.setContentEncryptionAlgorithmConstraints(new AlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT, JWE_CONTENT_ENCRYPTION));
                decryption.setCompactSerialization(jwe);
                decryption.setKey(key.key());
                return decryption.getPlaintextBytes();
            } catch (JoseException | RuntimeException e) {
                // try the next key; the reason is reported once below
            }
        }
        if (!candidate) {
            throw reject(RejectionReason.NO_MATCHING_KEY, "no decryption key for the JWE's kid");
        }
        throw reject(RejectionReason.DECRYPTION_FAILED, "the JWE does not decrypt with any configured key");
    }

    /** Claim rules, principal, groups and revocation: the steps after the signature. */
    private VerifiedToken accept(IssuerPolicy policy, String rawToken, JsonObject claims, long keyVersion) {
        Instant now = config.clock().instant();
        for (ClaimRule rule : policy.claimRules) {
            rule.check(claims, now);
        }
        String name = principalName(claims);
        VerifiedToken verified = new VerifiedToken(rawToken, claims, groups(claims), name);
        if (config.revocationCheck().isRevoked(verified)) {
            throw reject(RejectionReason.REVOKED, "the token is revoked");
        }
        if (cache != null) {
            long validThrough = policy.validThrough(NumericDates.read(claims, "exp"), NumericDates.read(claims, "iat"));
            cache.put(rawToken, new VerifiedTokenCache.Entry(verified, policy, keyVersion, validThrough));
        }
        return verified;
    }

    private static String principalName(JsonObject claims) {
        for (String claim : new String[] {"upn", "preferred_username", "sub"}) {
            JsonValue value = claims.get(claim);
            if (value instanceof JsonString) {
                return ((JsonString) value).getString();
            }
        }
        throw reject(RejectionReason.MISSING_CLAIM, "no principal claim: upn, preferred_username or sub");
    }

    private Set<String> groups(JsonObject claims) {
        List<String> path = config.groupsClaimPath();
        JsonValue value = claims;
        for (String segment : path) {
            if (!(value instanceof JsonObject)) {
                return Set.of();
            }
            value = ((JsonObject) value).get(segment);
        }
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Set.of();
        }
        Set<String> groups = new LinkedHashSet<>();
        if (value instanceof JsonString) {
            groups.add(((JsonString) value).getString());
        } else if (value instanceof JsonArray) {
            for (JsonValue member : (JsonArray) value) {
                if (!(member instanceof JsonString)) {
                    throw reject(RejectionReason.INVALID_CLAIM, "the groups claim has a non-string member");
                }
                groups.add(((JsonString) member).getString());
            }
        } else {
            throw reject(RejectionReason.INVALID_CLAIM, "the groups claim is neither a string nor an array");
        }
        return groups;
    }

    /** @return the offsets of the dots in {@code token}: up to four exactly, else an array as long as their count */
    private static int[] dots(String token) {
        int[] positions = new int[4];
        int count = 0;
        for (int i = token.indexOf('.'); i >= 0; i = token.indexOf('.', i + 1)) { // a vectorised search
            if (count < positions.length) {
                positions[count] = i;
            }
            count++;
        }
        return count == positions.length ? positions : count < positions.length
                ? java.util.Arrays.copyOf(positions, count) : new int[count];
    }

    private static byte[] decode(byte[] token, int from, int to) {
        try {
            return Base64Url.decode(token, from, to);
        } catch (IllegalArgumentException e) {
            throw reject(RejectionReason.MALFORMED_ENCODING, e.getMessage());
        }
    }

    private static JsonObject parse(byte[] json, String what) {
        try {
            return StrictJson.parseObject(json);
        } catch (MalformedJsonException e) {
            throw reject(e.kind() == MalformedJsonException.Kind.DUPLICATE_MEMBER
                    ? RejectionReason.DUPLICATE_MEMBER : RejectionReason.MALFORMED_JSON, "the " + what + " "
                    + e.getMessage());
        }
    }

    private static String optionalString(JsonObject object, String member) {
        JsonValue value = object.get(member);
        return value instanceof JsonString ? ((JsonString) value).getString() : null;
    }

    private static TokenRejectedException reject(RejectionReason reason, String detail) {
        return new TokenRejectedException(reason, detail);
    }

    @Override
    public String toString() {
        return "TokenVerifier[issuers=" + (single != null ? String.valueOf(single.issuer) : byIssuer.keySet())
                + ", profile=" + config.profile().propertyValue().toLowerCase(Locale.ROOT) + "]";
    }
}
