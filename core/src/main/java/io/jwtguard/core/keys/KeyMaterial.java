package io.jwtguard.core.keys;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.jose.MalformedJsonException;
import io.jwtguard.core.jose.StrictJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Parses configured key material: PEM (SPKI public keys, X.509 certificates, PKCS#8 private
 * keys), a JWK, a JWK Set, or the base64/base64url encoding of any of those or of a DER public
 * key. JWK parsing is jose4j's (a direct dependency; smallrye-jwt is not used); PEM and DER are the
 * JDK's.
 *
 * <p>Public sets get hygiene: a JWK whose {@code use}, {@code key_ops} or {@code alg} forbids
 * signature verification, a symmetric ({@code oct}) key, a key that carries private parts, or a
 * {@code kid} already seen is dropped with a warning that names the {@code kid}.
 *
 * <p>Stateless and thread-safe. Messages never contain key material.
 */
public final class KeyMaterial {
    private static final System.Logger LOG = System.getLogger(KeyMaterial.class.getName());
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private KeyMaterial() {
    }

    /**
     * Parses public verification keys.
     *
     * @param content the key document, not null
     * @param source where it came from, for messages
     * @return the usable keys, in document order, never empty
     * @throws IllegalArgumentException if the document is malformed or holds no usable key
     */
    public static List<VerificationKey> parsePublicKeys(String content, String source) {
        return parsePublicKeys(content, source, IgnoredKeyWarnings.always());
    }

    /** As {@link #parsePublicKeys(String, String)}, saying why keys are dropped through {@code warnings}. */
    static List<VerificationKey> parsePublicKeys(String content, String source, IgnoredKeyWarnings warnings) {
        String text = content.trim();
        List<VerificationKey> keys = new ArrayList<>();
        if (text.startsWith("-----BEGIN")) {
            Matcher m = PEM.matcher(text);
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                String type = m.group(1);
                if (type.equals("PUBLIC KEY")) {
                    keys.add(VerificationKey.ofPublicKey(null, decodeSpki(der, source)));
                } else if (type.equals("CERTIFICATE")) {
                    keys.add(VerificationKey.ofPublicKey(null, decodeCertificate(der, source)));
                } else {
                    throw new IllegalArgumentException("PEM block '" + type + "' in " + source
                            + " is not a public key; use an SPKI 'PUBLIC KEY' or a 'CERTIFICATE'");
                }
            }
        } else if (text.startsWith("{")) {
            keys.addAll(parseJwkOrJwks(text, source, warnings));
        } else {
            byte[] decoded = decodeAnyBase64(text, source);
            String asText = new String(decoded, StandardCharsets.UTF_8).trim();
            if (asText.startsWith("{")) {
                keys.addAll(parseJwkOrJwks(asText, source, warnings));
            } else {
                keys.add(VerificationKey.ofPublicKey(null, decodeSpki(decoded, source)));
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no usable verification key in " + source);
        }
        return List.copyOf(keys);
    }

    /**
     * Parses RSA private keys for JWE decryption: PEM PKCS#8, a JWK, or a JWK Set (keys with
     * private parts only).
     *
     * @return the keys with their {@code kid} (null when the document has none), never empty
     * @throws IllegalArgumentException if the document is malformed or holds no private RSA key
     */
    public static List<DecryptionKey> parseDecryptionKeys(String content, String source) {
        String text = content.trim();
        List<DecryptionKey> keys = new ArrayList<>();
        if (text.startsWith("-----BEGIN")) {
            Matcher m = PEM.matcher(text);
            while (m.find()) {
                if (!m.group(1).equals("PRIVATE KEY")) {
                    throw new IllegalArgumentException("PEM block '" + m.group(1) + "' in " + source
                            + " is not a PKCS#8 'PRIVATE KEY'");
                }
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                try {
                    PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
                    keys.add(new DecryptionKey(null, key));
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException("the private key in " + source + " is not an RSA PKCS#8 key");
                }
            }
        } else {
            String json = text.startsWith("{") ? text
                    : new String(decodeAnyBase64(text, source), StandardCharsets.UTF_8).trim();
            for (JsonObject jwk : jwkObjects(json, source)) {
                try {
                    JsonWebKey parsed = JsonWebKey.Factory.newJwk(jwk.toString());
                    if (parsed instanceof PublicJsonWebKey && ((PublicJsonWebKey) parsed).getPrivateKey() != null
                            && "RSA".equals(parsed.getKeyType())) {
                        keys.add(new DecryptionKey(parsed.getKeyId(), ((PublicJsonWebKey) parsed).getPrivateKey()));
                    }
                } catch (JoseException e) {
                    throw new IllegalArgumentException("a JWK in " + source + " is invalid");
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no RSA private key in " + source);
        }
        return List.copyOf(keys);
    }

    private static List<VerificationKey> parseJwkOrJwks(String json, String source,
            IgnoredKeyWarnings warnings) {
        List<VerificationKey> keys = new ArrayList<>();
        List<String> seenIds = new ArrayList<>();
        List<String> duplicateIds = new ArrayList<>();
        for (JsonObject jwk : jwkObjects(json, source)) {
            String kid = jwk.get("kid") instanceof JsonString ? jwk.getString("kid") : null;
            if (kid != null) {
                if (seenIds.contains(kid)) {
                    duplicateIds.add(kid);
                }
                seenIds.add(kid);
            }
            VerificationKey key = toVerificationKey(jwk, kid, source, warnings);
            if (key != null) {
                keys.add(key);
            }
        }
        if (!duplicateIds.isEmpty()) {
            keys.removeIf(k -> k.keyId().filter(duplicateIds::contains).isPresent());
            for (String kid : duplicateIds) {
                warnings.ignored(LOG, kid, "duplicate", "JWK kid ''{0}'' appears more than once in {1}; all keys "
                        + "with that kid are dropped", kid, source);
            }
        }
        return keys;
    }

    private static VerificationKey toVerificationKey(JsonObject jwk, String kid, String source,
            IgnoredKeyWarnings warnings) {
        String kty = jwk.get("kty") instanceof JsonString ? jwk.getString("kty") : "";
        if (kty.equals("oct")) {
            return drop(warnings, kid, source, "it is a symmetric key; configure HMAC secrets with jwtguard.hmac.secret");
        }
        for (String member : PRIVATE_MEMBERS) {
            if (jwk.containsKey(member)) {
                return drop(warnings, kid, source, "it contains private key material, which must never be published");
            }
        }
        JsonValue use = jwk.get("use");
        if (use != null && !(use instanceof JsonString && ((JsonString) use).getString().equals("sig"))) {
            return drop(warnings, kid, source, "its 'use' is not 'sig'");
        }
        JsonValue ops = jwk.get("key_ops");
        if (ops != null && !(ops instanceof JsonArray && ((JsonArray) ops).contains(jsonString("verify")))) {
            return drop(warnings, kid, source, "its 'key_ops' does not include 'verify'");
        }
        VerificationKey key;
        try {
            JsonWebKey parsed = JsonWebKey.Factory.newJwk(jwk.toString());
            if (!(parsed instanceof PublicJsonWebKey)) {
                return drop(warnings, kid, source, "its key type is not supported");
            }
            key = VerificationKey.ofPublicKey(kid, ((PublicJsonWebKey) parsed).getPublicKey());
        } catch (JoseException | IllegalArgumentException | ClassCastException e) {
            return drop(warnings, kid, source, "it is not a valid RSA, EC (P-256/384/521) or Ed25519 public key");
        }
        JsonValue alg = jwk.get("alg");
        if (alg != null) {
            String algName = alg instanceof JsonString ? ((JsonString) alg).getString() : "";
            JwsAlgorithm algorithm = JwsAlgorithm.fromJoseName(algName).orElse(null);
            if (algorithm == null || !key.supports(algorithm)) {
                return drop(warnings, kid, source, "its 'alg' is not a signature algorithm for this key type");
            }
            key = key.restrictedTo(algorithm);
        }
        return key;
    }

    private static VerificationKey drop(IgnoredKeyWarnings warnings, String kid, String source, String why) {
        warnings.ignored(LOG, kid, why, "JWK kid ''{0}'' in {1} is ignored: {2}", kid, source, why);
        return null;
    }

    private static JsonString jsonString(String value) {
        return jakarta.json.spi.JsonProvider.provider().createValue(value);
    }

    private static List<JsonObject> jwkObjects(String json, String source) {
        JsonObject root;
        try {
            root = StrictJson.parseObject(json.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedJsonException e) {
            throw new IllegalArgumentException("the JWK or JWK Set in " + source + " is not valid JSON");
        }
        if (!root.containsKey("keys")) {
            return List.of(root);
        }
        if (!(root.get("keys") instanceof JsonArray)) {
            throw new IllegalArgumentException("'keys' in the JWK Set in " + source + " is not an array");
        }
        List<JsonObject> result = new ArrayList<>();
        for (JsonValue v : root.getJsonArray("keys")) {
            if (v instanceof JsonObject) {
                result.add((JsonObject) v);
            }
        }
        return result;
    }

    private static PublicKey decodeSpki(byte[] der, String source) {
        for (String type : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | ClassCastException e) {
                // try the next key type
            }
        }
        throw new IllegalArgumentException("the public key in " + source
                + " is not an RSA, EC or Ed25519 SubjectPublicKeyInfo");
    }

    private static PublicKey decodeCertificate(byte[] der, String source) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return cert.getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the certificate in " + source + " is not a valid X.509 certificate");
        }
    }

    private static byte[] decodeAnyBase64(String text, String source) {
        String compact = text.replaceAll("\\s", "");
        try {
            if (compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0) {
                return Base64.getUrlDecoder().decode(padded(compact));
            }
            return Base64.getDecoder().decode(padded(compact));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key in " + source
                    + " is neither PEM, JSON (JWK/JWK Set) nor base64/base64url");
        }
    }

    private static String padded(String base64) {
        int missing = (4 - base64.length() % 4) % 4;
        return base64.endsWith("=") ? base64 : base64 + "=".repeat(missing);
    }
}
