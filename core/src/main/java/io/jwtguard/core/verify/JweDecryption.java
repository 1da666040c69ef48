package io.jwtguard.core.verify;

import static io.jwtguard.core.verify.TokenParts.decode;
import static io.jwtguard.core.verify.TokenParts.optionalString;
import static io.jwtguard.core.verify.TokenParts.parse;
import static io.jwtguard.core.verify.TokenParts.reject;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.DecryptionKey;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.lang.JoseException;

/**
 * The JWE step of the pipeline (RFC 7516): strict segments, header rules (no {@code alg: none},
 * no {@code zip}, only the configured RSA-OAEP variants with A256GCM, the header rules shared
 * with JWS), then decryption with the configured keys. Immutable and thread-safe.
 */
final class JweDecryption {
    private static final String JWE_CONTENT_ENCRYPTION = ContentEncryptionAlgorithmIdentifiers.AES_256_GCM;

    private final VerifierConfig config;

    JweDecryption(VerifierConfig config) {
        this.config = config;
    }

    /**
     * A decrypted JWE.
     *
     * @param bytes the plaintext
     * @param nested whether the header's {@code cty} says the plaintext is a JWT (RFC 7519 section 5.2)
     */
    record Plaintext(byte[] bytes, boolean nested) {
    }

    /**
     * Checks a JWE's segments and header and decrypts it.
     *
     * @param jwe the compact JWE as sent
     * @param ascii the same, one byte per character
     * @param dots the offsets of its four dots
     * @return the plaintext, and whether its {@code cty} says it is a nested JWT
     */
    Plaintext open(String jwe, byte[] ascii, int[] dots) {
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
        HeaderPolicy.checkCommonHeader(header);
        String kid = optionalString(header, "kid");
        byte[] plaintext = decrypt(jwe, keyAlgorithm, kid);
        String cty = optionalString(header, "cty");
        // RFC 7519 section 5.2: a nested JWT MUST say so with cty; we never guess from the plaintext
        return new Plaintext(plaintext, cty != null && TokenTypes.normalize(cty).equals("jwt"));
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
}
