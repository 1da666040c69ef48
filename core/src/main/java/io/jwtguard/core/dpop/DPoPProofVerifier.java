package io.jwtguard.core.dpop;

import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.jose.SignatureEngines;
import io.jwtguard.core.jose.KeyFamily;
import io.jwtguard.core.jose.MalformedJsonException;
import io.jwtguard.core.jose.StrictJson;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a DPoP proof at a resource server, as RFC 9449 section 4.3 lists, with the access token it
 * accompanies (sections 4.3 point 12 and 7.1). Cheapest check first:
 * <ol>
 *   <li>exactly one {@code DPoP} header value, no comma-joined values; at most
 *       {@link DPoPSettings#maxProofSize()} characters;</li>
 *   <li>a compact JWS of three non-empty parts, canonical base64url, strict JSON (no repeated member)
 *       header;</li>
 *   <li>{@code typ} exactly {@code dpop+jwt}; {@code alg} in the allow-list (never {@code none}, never
 *       symmetric); no {@code crit}; a public {@code jwk} that fits the algorithm ({@link ProofKey});</li>
 *   <li>the signature, with that key;</li>
 *   <li>strict JSON claims: {@code jti} (1 to {@value #MAX_JTI_LENGTH} characters), {@code htm} equal
 *       to the request method, {@code htu} equal to the request URI after normalisation
 *       ({@link HttpUris}), {@code iat} not older than {@link DPoPSettings#proofMaxAge()} plus the skew
 *       and not later than now plus the skew, {@code nonce} a current server nonce when
 *       {@link DPoPSettings#nonces()} requires one ({@link DPoPNonces}), {@code ath} the hash of the
 *       access token;</li>
 *   <li>the access token's {@code cnf.jkt} equal to the proof key's thumbprint;</li>
 *   <li>last, the {@code jti} recorded in the {@link ReplayCache}: only a proof that passed everything
 *       else can take room in it, and the same proof is accepted once.</li>
 * </ol>
 *
 * <p>Immutable and thread-safe if the replay cache is. Refusals are {@link DPoPProofException}s with a
 * {@link DPoPRefusal}; a replay cache that cannot record is a
 * {@link io.jwtguard.core.availability.VerificationUnavailableException}.
 */
public final class DPoPProofVerifier {
    /** The longest {@code jti} accepted, in characters (RFC 9449 asks for 96 bits of randomness or more). */
    public static final int MAX_JTI_LENGTH = 256;
    private static final String TYPE = "dpop+jwt";

    private final DPoPSettings settings;
    private final ReplayCache replayCache;
    private final Clock clock;
    private final SignatureEngines engines;

    /**
     * A verifier whose proof signatures are computed by the JDK's providers.
     *
     * @param settings the settings, not null
     * @param replayCache where used proofs are remembered, not null
     * @param clock the time source, not null
     */
    public DPoPProofVerifier(DPoPSettings settings, ReplayCache replayCache, Clock clock) {
        this(settings, replayCache, clock, SignatureEngines.jdk());
    }

    /**
     * @param settings the settings, not null
     * @param replayCache where used proofs are remembered, not null
     * @param clock the time source, not null
     * @param engines the providers that compute proof signatures (the access tokens' own,
     *     {@code VerifierConfig.signatureEngines()}), not null
     */
    public DPoPProofVerifier(DPoPSettings settings, ReplayCache replayCache, Clock clock, SignatureEngines engines) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.replayCache = Objects.requireNonNull(replayCache, "replayCache");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.engines = Objects.requireNonNull(engines, "engines");
    }

    /** @return the settings */
    public DPoPSettings settings() {
        return settings;
    }

    /**
     * Checks the proof of one request, for its (already verified) access token.
     *
     * @param proofHeaders every value of the request's {@code DPoP} header, one per header line, not null
     * @param method the request method, not null
     * @param requestUri the request URI as the client addressed it (absolute; query ignored), not null
     * @param accessToken the access token of the request, exactly as sent, not null
     * @param boundThumbprint the token's {@code cnf.jkt}, empty when the token is not bound
     * @return the verified proof
     * @throws DPoPProofException with the reason, for any failed check
     */
    public DPoPProof verify(List<String> proofHeaders, String method, String requestUri, String accessToken,
            Optional<String> boundThumbprint) {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(boundThumbprint, "boundThumbprint");
        Checked checked = check(proofHeaders, method, requestUri);
        String ath = checked.ath;
        if (ath == null || !MessageDigest.isEqual(ath.getBytes(StandardCharsets.US_ASCII),
                accessTokenHash(accessToken).getBytes(StandardCharsets.US_ASCII))) {
            throw refuse(DPoPRefusal.DPOP_PROOF_ATH, ath == null ? "the proof has no ath"
                    : "ath is not the hash of the access token");
        }
        String thumbprint = checked.key.thumbprint();
        if (boundThumbprint.isEmpty()) {
            throw refuse(DPoPRefusal.DPOP_BINDING_MISMATCH, "the access token has no cnf.jkt");
        }
        if (!MessageDigest.isEqual(boundThumbprint.get().getBytes(StandardCharsets.UTF_8),
                thumbprint.getBytes(StandardCharsets.UTF_8))) {
            throw refuse(DPoPRefusal.DPOP_BINDING_MISMATCH, "cnf.jkt is not the thumbprint of the proof key");
        }
        return firstUse(checked, thumbprint);
    }

    /**
     * Checks the proof of a token request (RFC 9449 sections 4.3 and 5): at the authorization server
     * there is no access token yet, so there is no {@code ath} to match (one that is present is not
     * checked) and no binding to compare; every other check is the same, the {@code jti} goes to the
     * same replay cache, and the returned thumbprint is what the issued tokens are bound to.
     *
     * @param proofHeaders every value of the request's {@code DPoP} header, one per header line, not null
     * @param method the request method, not null ({@code POST} at a token endpoint)
     * @param requestUri the token endpoint's URI as the client addressed it, not null
     * @return the verified proof, whose thumbprint is the key to bind to
     * @throws DPoPProofException with the reason, for any failed check ({@link DPoPRefusal#DPOP_PROOF_MISSING}
     *     when {@code proofHeaders} is empty)
     */
    public DPoPProof verifyTokenRequest(List<String> proofHeaders, String method, String requestUri) {
        Checked checked = check(proofHeaders, method, requestUri);
        String thumbprint = checked.key.thumbprint();
        return firstUse(checked, thumbprint);
    }

    /** Records the proof in the replay cache, last: only a proof that passed everything else takes room. */
    private DPoPProof firstUse(Checked checked, String thumbprint) {
        Instant expiresAt = checked.issuedAt.plus(settings.proofMaxAge()).plus(settings.clockSkew())
                .plusSeconds(1);
        if (!replayCache.firstUse(replayKey(thumbprint, checked.jti), expiresAt)) {
            throw refuse(DPoPRefusal.DPOP_PROOF_REPLAYED, "the proof's jti was already used with this key");
        }
        return new DPoPProof(thumbprint, checked.algorithm, checked.issuedAt);
    }

    /**
     * @param accessToken the access token as sent
     * @return {@code base64url(SHA-256(ASCII(accessToken)))}, what {@code ath} must be (RFC 9449 section 4.2)
     */
    public static String accessTokenHash(String accessToken) {
        return Base64Url.encode(sha256(accessToken.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String replayKey(String thumbprint, String jti) {
        // fixed length whatever the jti, so the cache's memory is bounded by its entry count
        return Base64Url.encode(sha256((thumbprint + '\n' + jti).getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static final class Checked {
        ProofKey key;
        JwsAlgorithm algorithm;
        String jti;
        Instant issuedAt;
        String ath;
    }

    private Checked check(List<String> proofHeaders, String method, String requestUri) {
        Objects.requireNonNull(proofHeaders, "proofHeaders");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestUri, "requestUri");
        if (proofHeaders.isEmpty()) {
            throw refuse(DPoPRefusal.DPOP_PROOF_MISSING, "no DPoP header");
        }
        if (proofHeaders.size() > 1) {
            throw refuse(DPoPRefusal.DPOP_PROOF_MULTIPLE, proofHeaders.size() + " DPoP headers");
        }
        String raw = proofHeaders.get(0);
        if (raw.length() > settings.maxProofSize() + 64) {
            throw refuse(DPoPRefusal.DPOP_PROOF_SIZE_EXCEEDED, "the DPoP header has " + raw.length() + " characters");
        }
        String proof = raw.strip();
        if (proof.indexOf(',') >= 0) {
            throw refuse(DPoPRefusal.DPOP_PROOF_MULTIPLE, "the DPoP header holds comma-joined values");
        }
        if (proof.isEmpty()) {
            throw refuse(DPoPRefusal.DPOP_PROOF_MISSING, "the DPoP header is empty");
        }
        if (proof.length() > settings.maxProofSize()) {
            throw refuse(DPoPRefusal.DPOP_PROOF_SIZE_EXCEEDED, "the proof has " + proof.length() + " characters");
        }
        int first = proof.indexOf('.');
        int second = first < 0 ? -1 : proof.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || second == first + 1 || second == proof.length() - 1
                || proof.indexOf('.', second + 1) >= 0) {
            throw refuse(DPoPRefusal.DPOP_PROOF_MALFORMED, "the proof is not a compact JWS of three non-empty parts");
        }
        byte[] ascii = proof.getBytes(StandardCharsets.ISO_8859_1);
        JsonObject header = parse(decode(ascii, 0, first), "header");

        JsonValue typ = header.get("typ");
        if (!(typ instanceof JsonString) || !TYPE.equals(((JsonString) typ).getString())) {
            throw refuse(DPoPRefusal.DPOP_PROOF_TYPE, "typ is not dpop+jwt");
        }
        JsonValue alg = header.get("alg");
        String algName = alg instanceof JsonString ? ((JsonString) alg).getString() : null;
        JwsAlgorithm algorithm = JwsAlgorithm.fromJoseName(algName).orElse(null);
        if (algorithm == null || algorithm.keyFamily() == KeyFamily.SECRET
                || !settings.algorithms().contains(algorithm)) {
            throw refuse(DPoPRefusal.DPOP_PROOF_ALGORITHM, algName == null ? "alg is missing or not a string"
                    : JwsAlgorithm.isNone(algName) ? "alg none" : "alg is not in the allow-list");
        }
        if (header.containsKey("crit")) {
            throw refuse(DPoPRefusal.DPOP_PROOF_MALFORMED, "the proof has a crit header");
        }
        ProofKey key = ProofKey.of(header.get("jwk"));
        if (!key.key().algorithms().contains(algorithm)) {
            throw refuse(DPoPRefusal.DPOP_PROOF_KEY, "the jwk does not fit " + algorithm.joseName());
        }
        byte[] signature = decode(ascii, second + 1, ascii.length);
        boolean valid;
        try {
            valid = engines.verify(algorithm, key.key().key(), ascii, second, signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw refuse(DPoPRefusal.DPOP_PROOF_SIGNATURE, "the signature does not verify with the proof's jwk");
        }

        JsonObject claims = parse(decode(ascii, first + 1, second), "claims");
        String jti = requiredString(claims, "jti");
        if (jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) {
            throw refuse(DPoPRefusal.DPOP_PROOF_MALFORMED, "jti is empty or longer than " + MAX_JTI_LENGTH);
        }
        String htm = requiredString(claims, "htm");
        if (!htm.equals(method)) {
            throw refuse(DPoPRefusal.DPOP_PROOF_METHOD, "htm is not the request method");
        }
        String htu = requiredString(claims, "htu");
        Optional<String> expectedUri = HttpUris.normalise(requestUri);
        if (expectedUri.isEmpty()) {
            throw refuse(DPoPRefusal.DPOP_PROOF_URI, "the request URI cannot be normalised");
        }
        if (!HttpUris.normalise(htu).equals(expectedUri)) {
            throw refuse(DPoPRefusal.DPOP_PROOF_URI, "htu is not the request URI");
        }
        Instant issuedAt = issuedAt(claims);
        Instant now = clock.instant();
        Duration skew = settings.clockSkew();
        if (issuedAt.isAfter(now.plus(skew))) {
            throw refuse(DPoPRefusal.DPOP_PROOF_FUTURE, "iat is after now plus the clock skew");
        }
        if (issuedAt.isBefore(now.minus(settings.proofMaxAge()).minus(skew))) {
            throw refuse(DPoPRefusal.DPOP_PROOF_STALE, "iat is older than the proof age plus the clock skew");
        }
        DPoPNonces nonces = settings.nonces();
        if (nonces.required()) {
            JsonValue nonce = claims.get("nonce");
            if (!(nonce instanceof JsonString) || !nonces.valid(((JsonString) nonce).getString(), now)) {
                throw refuse(DPoPRefusal.DPOP_USE_NONCE, nonce == null ? "the proof has no nonce"
                        : "the proof's nonce is not current");
            }
        }
        JsonValue ath = claims.get("ath");
        if (ath != null && !(ath instanceof JsonString)) {
            throw refuse(DPoPRefusal.DPOP_PROOF_MALFORMED, "ath is not a string");
        }
        Checked checked = new Checked();
        checked.key = key;
        checked.algorithm = algorithm;
        checked.jti = jti;
        checked.issuedAt = issuedAt;
        checked.ath = ath == null ? null : ((JsonString) ath).getString();
        return checked;
    }

    private static Instant issuedAt(JsonObject claims) {
        JsonValue iat = claims.get("iat");
        if (!(iat instanceof JsonNumber) || !((JsonNumber) iat).isIntegral()) {
            throw refuse(DPoPRefusal.DPOP_PROOF_MALFORMED, "iat is missing or not an integer NumericDate");
        }
        try {
            long seconds = ((JsonNumber) iat).bigIntegerValueExact().longValueExact();
            if (seconds < 0 || seconds > 253402300799L) { // up to 9999-12-31
                throw refuse(DPoPRefusal.DPOP_PROOF_MALFORMED, "iat is out of range");
            }
            return Instant.ofEpochSecond(seconds);
        } catch (ArithmeticException e) {
            throw refuse(DPoPRefusal.DPOP_PROOF_MALFORMED, "iat is out of range");
        }
    }

    private static String requiredString(JsonObject claims, String member) {
        JsonValue value = claims.get(member);
        if (!(value instanceof JsonString)) {
            throw refuse(DPoPRefusal.DPOP_PROOF_MALFORMED, member + " is missing or not a string");
        }
        return ((JsonString) value).getString();
    }

    private static byte[] decode(byte[] ascii, int from, int to) {
        try {
            return Base64Url.decode(ascii, from, to);
        } catch (IllegalArgumentException e) {
            throw refuse(DPoPRefusal.DPOP_PROOF_MALFORMED, "a part is not canonical base64url");
        }
    }

    private static JsonObject parse(byte[] json, String what) {
        try {
            return StrictJson.parseObject(json);
        } catch (MalformedJsonException e) {
            throw refuse(DPoPRefusal.DPOP_PROOF_MALFORMED, "the " + what + " is not strict JSON ("
                    + e.kind() + ")");
        }
    }

    private static DPoPProofException refuse(DPoPRefusal reason, String detail) {
        return new DPoPProofException(reason, detail);
    }

    @Override
    public String toString() {
        return "DPoPProofVerifier[" + settings.mode() + ", " + replayCache + "]";
    }
}
