package io.jwtguard.core.issue;

import io.jwtguard.core.keys.KeyLocation;
import io.jwtguard.core.jose.JwsAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Reads configured signing keys: a private-key entry of a key store (PKCS12 by default; the
 * alias is the {@code kid}), or a PEM document with a PKCS#8 {@code PRIVATE KEY} and its
 * {@code PUBLIC KEY} or {@code CERTIFICATE} (for RSA the public key may be omitted). Messages
 * name the location, never key material or passwords. Stateless.
 */
public final class SigningKeyLoader {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private SigningKeyLoader() {
    }

    /**
     * @param location file path or {@code classpath:} resource, not null
     * @param type key store type
     * @param password store and key password; not logged
     * @param alias the entry to load
     * @param algorithm the algorithm it must sign with
     * @param at when it counts as published and active
     * @throws IllegalArgumentException when the store, entry or key cannot be used
     */
    public static SigningKey fromKeystore(String location, String type, char[] password, String alias,
            JwsAlgorithm algorithm, Instant at) {
        KeyStore store;
        try (InputStream in = open(location)) {
            store = KeyStore.getInstance(type);
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read key store " + location + " of type " + type
                    + " (wrong password, type or file)");
        }
        try {
            Key key = store.getKey(alias, password);
            Certificate certificate = store.getCertificate(alias);
            if (!(key instanceof PrivateKey) || certificate == null) {
                throw new IllegalArgumentException("key store " + location + " has no private key entry '" + alias + "'");
            }
            return signingKey(alias, (PrivateKey) key, certificate.getPublicKey(), algorithm, at, location);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read entry '" + alias + "' of key store " + location
                    + " (wrong key password?)");
        }
    }

    /**
     * @param pem the document, not null
     * @param keyId the {@code kid}, or null for the RFC 7638 thumbprint of the public key
     * @param source where it came from, for messages
     * @throws IllegalArgumentException when the document holds no usable key pair
     */
    public static SigningKey fromPem(String pem, String keyId, JwsAlgorithm algorithm, Instant at, String source) {
        PrivateKey privateKey = null;
        PublicKey publicKey = null;
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            try {
                switch (m.group(1)) {
                    case "PRIVATE KEY":
                        privateKey = privateKey(der, source);
                        break;
                    case "PUBLIC KEY":
                        publicKey = publicKey(der, source);
                        break;
                    case "CERTIFICATE":
                        publicKey = CertificateFactory.getInstance("X.509")
                                .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
                        break;
                    default:
                        throw new IllegalArgumentException(source + " holds a '" + m.group(1) + "' block; use a "
                                + "PKCS#8 'PRIVATE KEY' with its 'PUBLIC KEY' or 'CERTIFICATE'");
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(source + " holds an unreadable '" + m.group(1) + "' block");
            } finally {
                Arrays.fill(der, (byte) 0);
            }
        }
        if (privateKey == null) {
            throw new IllegalArgumentException(source + " holds no PKCS#8 'PRIVATE KEY' block");
        }
        if (publicKey == null && privateKey instanceof RSAPrivateCrtKey) {
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
            try {
                publicKey = KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("RSA is missing from this JDK", e);
            }
        }
        if (publicKey == null) {
            throw new IllegalArgumentException(source + " holds no 'PUBLIC KEY' or 'CERTIFICATE' for its private key");
        }
        String kid = keyId;
        if (kid == null) {
            try {
                kid = PublicJsonWebKey.Factory.newPublicJwk(publicKey).calculateBase64urlEncodedThumbprint("SHA-256");
            } catch (JoseException e) {
                throw new IllegalArgumentException(source + ": cannot compute the key's thumbprint");
            }
        }
        return signingKey(kid, privateKey, publicKey, algorithm, at, source);
    }

    private static SigningKey signingKey(String kid, PrivateKey privateKey, PublicKey publicKey, JwsAlgorithm algorithm,
            Instant at, String source) {
        if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())
                && !(privateKey.getAlgorithm().startsWith("Ed") && publicKey.getAlgorithm().startsWith("Ed"))) {
            throw new IllegalArgumentException(source + ": the private and public keys are of different types");
        }
        if (publicKey instanceof java.security.interfaces.RSAPublicKey && privateKey instanceof RSAPrivateCrtKey) {
            BigInteger n = ((java.security.interfaces.RSAPublicKey) publicKey).getModulus();
            if (!n.equals(((RSAPrivateCrtKey) privateKey).getModulus())) {
                throw new IllegalArgumentException(source + ": the public key does not belong to the private key");
            }
        }
        try {
            return new SigningKey(kid, privateKey, publicKey, algorithm, at, at);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage()
                    + " (RSA keys need at least 2048 bits; EC keys the algorithm's curve)");
        }
    }

    private static PrivateKey privateKey(byte[] der, String source) {
        List<String> tried = new ArrayList<>();
        for (String type : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                tried.add(type);
            }
        }
        throw new IllegalArgumentException(source + ": the private key is none of " + tried);
    }

    private static PublicKey publicKey(byte[] der, String source) {
        for (String type : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next type
            }
        }
        throw new IllegalArgumentException(source + ": the public key is not RSA, EC or Ed25519");
    }

    private static InputStream open(String location) throws IOException {
        return new java.io.ByteArrayInputStream(KeyLocation.of(location).readBytes());
    }
}
