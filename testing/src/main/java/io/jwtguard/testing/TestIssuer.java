package io.jwtguard.testing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctJwkGenerator;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * An issuer of test tokens for one test run: keys generated when first needed (never stored, never
 * printed), an issuer URL and an audience. It mints tokens ({@link #token()}), publishes its public
 * keys as a JWK Set ({@link #jwks()}, {@link #jwksServer()}), rotates them ({@link #rotate}), and
 * says how to configure an application to trust it ({@link #mpConfig()}).
 *
 * <p>Thread-safe. For tests only: the keys live in memory for the life of the object.
 */
public final class TestIssuer {
    /** The issuer URL of {@link #create()}. */
    public static final String DEFAULT_ISSUER = "https://issuer.jwtguard.test";
    /** The audience of {@link #create()}. */
    public static final String DEFAULT_AUDIENCE = "test-api";

    private final String issuer;
    private final String audience;
    private final Clock clock;
    /** Per algorithm, every key generated so far; the last one signs. Guarded by {@code this}. */
    private final Map<SigningAlgorithm, List<JsonWebKey>> keys = new EnumMap<>(SigningAlgorithm.class);

    private TestIssuer(String issuer, String audience, Clock clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return an issuer {@value #DEFAULT_ISSUER} for audience {@value #DEFAULT_AUDIENCE} */
    public static TestIssuer create() {
        return new TestIssuer(DEFAULT_ISSUER, DEFAULT_AUDIENCE, Clock.systemUTC());
    }

    /**
     * @param issuer the {@code iss} of its tokens, not null
     * @param audience the {@code aud} of its tokens, not null
     * @return a new issuer with its own keys
     */
    public static TestIssuer create(String issuer, String audience) {
        return new TestIssuer(issuer, audience, Clock.systemUTC());
    }

    /**
     * @param clock what "now" is for its tokens ({@code iat}, {@code expired()}, ...): the clock of a
     *     verifier under test with a fixed or moved clock, not null
     * @return a new issuer with its own keys
     */
    public static TestIssuer create(String issuer, String audience, Clock clock) {
        return new TestIssuer(issuer, audience, clock);
    }

    /** @return what "now" is for its tokens */
    public Clock clock() {
        return clock;
    }

    /** @return the {@code iss} its tokens carry */
    public String issuer() {
        return issuer;
    }

    /** @return the {@code aud} its tokens carry */
    public String audience() {
        return audience;
    }

    /** @return a builder of a valid RS256 token: subject {@code user-1}, group {@code user}, 5 minutes */
    public TokenBuilder token() {
        return new TokenBuilder(this);
    }

    /**
     * Generates a new key for {@code algorithm}, which signs from now on; the previous keys stay
     * published (as an identity provider keeps them until their tokens expire) until {@link #retire}.
     *
     * @return the new key's {@code kid}
     */
    public synchronized String rotate(SigningAlgorithm algorithm) {
        List<JsonWebKey> generated = keys.computeIfAbsent(algorithm, a -> new ArrayList<>());
        JsonWebKey key = generate(algorithm, algorithm.jose().toLowerCase(java.util.Locale.ROOT) + "-" + (generated.size() + 1));
        generated.add(key);
        return key.getKeyId();
    }

    /**
     * Signs {@code algorithm}'s tokens from now on with a key pair the test already has, for an
     * application that issues tokens itself (its token service's key): the test then mints tokens
     * the application accepts as its own. The key is published like a generated one.
     *
     * @param algorithm an asymmetric algorithm whose key type matches {@code pair} (RSA for RS256, a
     *     P-256 EC key for ES256, Ed25519 for EdDSA)
     * @param pair the key pair, not null; its private key never leaves this object
     * @param kid the {@code kid} the tokens carry, not blank
     * @throws IllegalArgumentException when the key type does not fit, or for HS256
     */
    public synchronized void useKeyPair(SigningAlgorithm algorithm, java.security.KeyPair pair, String kid) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(pair, "pair");
        if (kid == null || kid.isBlank()) {
            throw new IllegalArgumentException("kid must not be blank");
        }
        String expected = switch (algorithm) {
            case RS256 -> "RSA";
            case ES256 -> "EC";
            case EDDSA -> "EdDSA";
            case HS256 -> throw new IllegalArgumentException("HS256 has no key pair: tokens use the issuer's secret");
        };
        String actual = pair.getPublic().getAlgorithm();
        if (!actual.equals(expected) && !(algorithm == SigningAlgorithm.EDDSA && actual.equals("Ed25519"))) {
            throw new IllegalArgumentException("a " + actual + " key cannot sign " + algorithm.jose() + " tokens");
        }
        try {
            PublicJsonWebKey key = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
            key.setPrivateKey(pair.getPrivate());
            key.setKeyId(kid);
            key.setAlgorithm(algorithm.jose());
            keys.computeIfAbsent(algorithm, a -> new ArrayList<>()).add(key);
        } catch (JoseException e) {
            throw new IllegalArgumentException("the key pair cannot be used: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Stops publishing a key: tokens it signed then fail with an unknown {@code kid}.
     *
     * @param kid the key's id
     * @return whether such a key was published
     */
    public synchronized boolean retire(String kid) {
        for (List<JsonWebKey> generated : keys.values()) {
            if (generated.removeIf(k -> k.getKeyId().equals(kid))) {
                return true;
            }
        }
        return false;
    }

    /** @return the current signing key of {@code algorithm}, generated on first use */
    synchronized JsonWebKey signingKey(SigningAlgorithm algorithm) {
        List<JsonWebKey> generated = keys.get(algorithm);
        if (generated == null || generated.isEmpty()) {
            rotate(algorithm);
            generated = keys.get(algorithm);
        }
        return generated.get(generated.size() - 1);
    }

    /**
     * @return the JWK Set of every published public key (RSA, EC and EdDSA; HMAC secrets are never
     *     published), with an RSA key generated first if none exists yet
     */
    public synchronized String jwks() {
        signingKey(SigningAlgorithm.RS256);
        List<JsonWebKey> published = new ArrayList<>();
        for (Map.Entry<SigningAlgorithm, List<JsonWebKey>> entry : keys.entrySet()) {
            if (entry.getKey() != SigningAlgorithm.HS256) {
                published.addAll(entry.getValue());
            }
        }
        return new JsonWebKeySet(published).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** @return the current RSA signing key's public key in PEM ({@code -----BEGIN PUBLIC KEY-----}) */
    public String rsaPublicKeyPem() {
        PublicJsonWebKey key = (PublicJsonWebKey) signingKey(SigningAlgorithm.RS256);
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(key.getPublicKey().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** @return the HMAC secret of {@link SigningAlgorithm#HS256} tokens, base64url: configure it as the application's secret */
    public String hmacSecretBase64Url() {
        org.jose4j.jwk.OctetSequenceJsonWebKey key = (org.jose4j.jwk.OctetSequenceJsonWebKey) signingKey(SigningAlgorithm.HS256);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getOctetSequence());
    }

    /**
     * @return MicroProfile Config values that make an application trust this issuer's public keys
     *     (inline JWK Set): {@code mp.jwt.verify.issuer}, {@code mp.jwt.verify.audiences},
     *     {@code mp.jwt.verify.publickey}; keys rotated later are not in it (use a {@link #jwksServer()})
     */
    public Map<String, String> mpConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mp.jwt.verify.issuer", issuer);
        config.put("mp.jwt.verify.audiences", audience);
        config.put("mp.jwt.verify.publickey", jwks());
        return config;
    }

    /**
     * @param server this issuer's JWKS server
     * @return MicroProfile Config values that make an application fetch this issuer's keys from
     *     {@code server} ({@code mp.jwt.verify.publickey.location}), so rotations reach it
     */
    public Map<String, String> mpConfig(JwksServer server) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mp.jwt.verify.issuer", issuer);
        config.put("mp.jwt.verify.audiences", audience);
        config.put("mp.jwt.verify.publickey.location", server.uri().toString());
        return config;
    }

    /**
     * @param config values from {@link #mpConfig()} or {@link #mpConfig(JwksServer)}
     * @return them as the text of a {@code microprofile-config.properties} file (values escaped)
     */
    public static String asProperties(Map<String, String> config) {
        return config.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\").replace("\n", "\\n"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** @return a server on 127.0.0.1 that publishes {@link #jwks()}, rotations included; close it after the test */
    public JwksServer jwksServer() {
        return JwksServer.start(this);
    }

    @Override
    public String toString() {
        return "TestIssuer[" + issuer + ", aud " + audience + "]"; // never the keys
    }

    private static JsonWebKey generate(SigningAlgorithm algorithm, String kid) {
        try {
            JsonWebKey key = switch (algorithm) {
                case RS256 -> RsaJwkGenerator.generateJwk(2048);
                case ES256 -> EcJwkGenerator.generateJwk(EllipticCurves.P256);
                case EDDSA -> OkpJwkGenerator.generateJwk(org.jose4j.keys.EdDsaKeyUtil.ED25519);
                case HS256 -> OctJwkGenerator.generateJwk(256);
            };
            key.setKeyId(kid);
            key.setAlgorithm(algorithm.jose());
            key.setUse("sig");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key: " + e.getMessage(), e);
        }
    }

}
