package io.jwtguard.tck.hostile;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The signing keys of the suite: one key per family (RSA for RS and PS, P-256, P-384, P-521,
 * Ed25519) with its {@code kid}, plus an optional HMAC secret. Generated fresh, or read from a
 * private JWK Set so the suite can be pointed at a runtime that trusts the matching public keys.
 * Immutable after construction. Private parts are never printed or logged.
 */
public final class SigningKeys {
    private final Map<String, PublicJsonWebKey> byKid;
    private final byte[] hmacSecret;

    private SigningKeys(Map<String, PublicJsonWebKey> byKid, byte[] hmacSecret) {
        this.byKid = Map.copyOf(byKid);
        this.hmacSecret = hmacSecret == null ? null : hmacSecret.clone();
    }

    /** @return fresh keys: RSA 2048 ({@code rsa}), {@code ec256}, {@code ec384}, {@code ec521}, {@code ed}, and a 64-byte secret */
    public static SigningKeys generate() {
        try {
            Map<String, PublicJsonWebKey> keys = new LinkedHashMap<>();
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            keys.put("rsa", jwk("rsa", rsa.generateKeyPair()));
            for (String[] curve : new String[][] {{"ec256", "secp256r1"}, {"ec384", "secp384r1"}, {"ec521", "secp521r1"}}) {
                KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
                ec.initialize(new ECGenParameterSpec(curve[1]));
                keys.put(curve[0], jwk(curve[0], ec.generateKeyPair()));
            }
            keys.put("ed", jwk("ed", KeyPairGenerator.getInstance("Ed25519").generateKeyPair()));
            byte[] secret = new byte[64];
            new SecureRandom().nextBytes(secret);
            return new SigningKeys(keys, secret);
        } catch (GeneralSecurityException | JoseException e) {
            throw new IllegalStateException("cannot generate keys", e);
        }
    }

    /**
     * @param privateJwks a JWK Set whose keys have private parts and a {@code kid}
     * @param hmacSecret the HMAC secret, or null for none
     */
    public static SigningKeys fromPrivateJwks(String privateJwks, byte[] hmacSecret) {
        try {
            Map<String, PublicJsonWebKey> keys = new LinkedHashMap<>();
            for (JsonWebKey key : new JsonWebKeySet(privateJwks).getJsonWebKeys()) {
                if (key instanceof PublicJsonWebKey && ((PublicJsonWebKey) key).getPrivateKey() != null) {
                    keys.put(key.getKeyId(), (PublicJsonWebKey) key);
                }
            }
            return new SigningKeys(keys, hmacSecret);
        } catch (JoseException e) {
            throw new IllegalArgumentException("not a private JWK Set: " + e.getMessage(), e);
        }
    }

    private static PublicJsonWebKey jwk(String kid, KeyPair pair) throws JoseException {
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
        jwk.setPrivateKey(pair.getPrivate());
        jwk.setKeyId(kid);
        return jwk;
    }

    /** @return the {@code kid} of the key that signs {@code alg}, if there is one */
    public Optional<String> kidFor(String alg) {
        for (Map.Entry<String, PublicJsonWebKey> e : byKid.entrySet()) {
            PublicKey key = e.getValue().getPublicKey();
            String type = key.getAlgorithm();
            boolean fits;
            if (alg.startsWith("RS") || alg.startsWith("PS")) {
                fits = type.equals("RSA");
            } else if (alg.startsWith("ES")) {
                fits = key instanceof ECPublicKey && curveBits((ECPublicKey) key) == Integer.parseInt(alg.substring(2));
            } else if (alg.equals("EdDSA")) {
                fits = type.equals("EdDSA") || type.equals("Ed25519");
            } else {
                fits = false;
            }
            if (fits) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    private static int curveBits(ECPublicKey key) {
        int field = key.getParams().getCurve().getField().getFieldSize();
        return field == 521 ? 512 : field; // ES512 uses P-521
    }

    /** @return the private key with {@code kid} */
    public PrivateKey privateKey(String kid) {
        return byKid.get(kid).getPrivateKey();
    }

    /** @return the public key with {@code kid} */
    public PublicKey publicKey(String kid) {
        return byKid.get(kid).getPublicKey();
    }

    /** @return the HMAC secret (a copy), if configured */
    public Optional<byte[]> hmacSecret() {
        return Optional.ofNullable(hmacSecret).map(byte[]::clone);
    }

    /** @return whether {@code alg} can be signed with these keys */
    public boolean supports(String alg) {
        return alg.startsWith("HS") ? hmacSecret != null && hmacSecret.length * 8 >= Integer.parseInt(alg.substring(2))
                : kidFor(alg).isPresent();
    }

    /** @return the public JWK Set (no private parts), for the target's configuration */
    public String publicJwks() {
        return jwks(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** @return the private JWK Set, to be written to a file the runner reads again; never log it */
    public String privateJwks() {
        return jwks(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
    }

    private String jwks(JsonWebKey.OutputControlLevel level) {
        List<String> keys = new ArrayList<>();
        byKid.values().forEach(k -> keys.add(k.toJson(level)));
        return "{\"keys\":[" + String.join(",", keys) + "]}";
    }
}
