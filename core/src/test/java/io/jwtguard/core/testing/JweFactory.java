package io.jwtguard.core.testing;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;
import io.jwtguard.core.verify.VerifierConfigBuilder;
import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.keys.DecryptionKey;
import io.jwtguard.core.keys.DecryptionKeySource;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

/**
 * Mints JWE tokens with nimbus-jose-jwt, and hand-built JWE strings for headers that no library
 * would write. Tokens are encrypted to {@link #ENCRYPTION_KEY}; inner tokens are signed with
 * {@link TestKeys#RSA_2048}, which {@link TestConfigs#rsa()} trusts.
 */
public final class JweFactory {
    /** The RSA key pair whose private half {@link #decrypting(VerifierConfigBuilder)} configures. */
    public static final KeyPair ENCRYPTION_KEY = TestKeys.RSA_2048_OTHER;

    private JweFactory() {
    }

    /** {@code builder} with {@link #ENCRYPTION_KEY} configured as the only decryption key (any kid). */
    public static VerifierConfigBuilder decrypting(VerifierConfigBuilder builder) {
        return builder.decryptionKeys(decryptionKeys());
    }

    /** A source holding the private half of {@link #ENCRYPTION_KEY}, answering to any kid. */
    public static DecryptionKeySource decryptionKeys() {
        return DecryptionKeySource.of(List.of(new DecryptionKey(null, ENCRYPTION_KEY.getPrivate())));
    }

    /** A header builder for {@code alg}/{@code enc} with {@code cty: JWT}. */
    public static JWEHeader.Builder nestedHeader(JWEAlgorithm alg, EncryptionMethod enc) {
        return new JWEHeader.Builder(alg, enc).contentType("JWT");
    }

    /** {@code jws} encrypted with RSA-OAEP-256 and A256GCM to {@link #ENCRYPTION_KEY}, {@code cty: JWT}. */
    public static String nested(String jws) {
        return nested(JWEAlgorithm.RSA_OAEP_256, jws);
    }

    /** {@code jws} encrypted with {@code alg} (an RSA algorithm) and A256GCM to {@link #ENCRYPTION_KEY}. */
    public static String nested(JWEAlgorithm alg, String jws) {
        return encrypt(nestedHeader(alg, EncryptionMethod.A256GCM).build(), jws, rsa(ENCRYPTION_KEY.getPublic()));
    }

    /** {@code plaintext} encrypted under {@code header} by {@code encrypter}; compact serialisation. */
    public static String encrypt(JWEHeader header, String plaintext, JWEEncrypter encrypter) {
        JWEObject jwe = new JWEObject(header, new Payload(plaintext));
        try {
            jwe.encrypt(encrypter);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwe.serialize();
    }

    /** An RSA encrypter for {@code key}. */
    public static JWEEncrypter rsa(PublicKey key) {
        return new RSAEncrypter((RSAPublicKey) key);
    }

    /**
     * A five-segment token with exactly {@code headerJson} as its protected header and random,
     * well-encoded other segments: for headers that must be refused before any decryption.
     */
    public static String handBuilt(String headerJson) {
        return TokenFactory.b64(headerJson) + "." + random(256) + "." + random(12) + "." + random(64) + "."
                + random(16);
    }

    /** Replaces the protected header of {@code jwe} with {@code headerJson}, keeping the other segments. */
    public static String withHeader(String jwe, String headerJson) {
        return TokenFactory.b64(headerJson) + jwe.substring(jwe.indexOf('.'));
    }

    /** @return the decoded protected header JSON of a compact JWE or JWS */
    public static String headerJson(String token) {
        return new String(Base64Url.decode(token, 0, token.indexOf('.')), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Changes one character in the middle of segment {@code index} (0-based) to another base64url
     * character, so the segment stays canonically encoded but decodes to different bytes.
     */
    public static String tamper(String token, int index) {
        String[] parts = token.split("\\.", -1);
        String segment = parts[index];
        int at = Math.min(segment.length() / 2, segment.length() - 2);
        char replacement = segment.charAt(at) == 'A' ? 'B' : 'A';
        parts[index] = segment.substring(0, at) + replacement + segment.substring(at + 1);
        return String.join(".", parts);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new java.security.SecureRandom().nextBytes(b);
        return Base64Url.encode(b);
    }
}
