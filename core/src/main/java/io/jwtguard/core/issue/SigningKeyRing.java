package io.jwtguard.core.issue;

import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.VerificationKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The keys an issuer signs with and publishes. Exactly one key signs at a time (the active key);
 * the published set (the JWKS) holds it, a key about to become active, and every retired key
 * until all tokens it signed have expired.
 *
 * <p><b>Scheduled rotation</b> (rings from {@link #generating}): when the active key has signed
 * for {@code rotationInterval - publishAhead}, a new key is generated and published; it starts
 * signing {@code publishAhead} later, so every verifier that refreshes its key set at least that
 * often knows the key before it sees a token signed with it (publish before sign). The retired key
 * stays published for {@code retention} (at least the longest access-token lifetime plus clock
 * skew), then disappears. The schedule is checked against the {@link Clock} on every use; there
 * is no background thread, so a test moves the clock to rotate.
 *
 * <p>Generated keys live in this node's memory only: in a cluster every node would sign with its
 * own keys. Clusters configure a shared key (key store or PEM, {@link #fixed}) instead, or put the
 * key ring behind an external JWKS that every node trusts.
 *
 * <p>The JWKS ({@link #jwks()}) never contains private parts. Thread-safe.
 */
public final class SigningKeyRing {
    private static final System.Logger LOG = System.getLogger(SigningKeyRing.class.getName());

    private final JwsAlgorithm algorithm;
    private final Duration rotationInterval; // null: no scheduled rotation
    private final Duration publishAhead;
    private final Duration retention;
    private final Clock clock;

    private SigningKey active;
    private SigningKey next;
    private final List<Retired> retired = new ArrayList<>();
    private volatile long version;
    private volatile List<VerificationKey> published;

    private record Retired(SigningKey key, Instant unpublishAt) {
    }

    private SigningKeyRing(JwsAlgorithm algorithm, SigningKey active, List<SigningKey> previous,
            Duration rotationInterval, Duration publishAhead, Duration retention, Clock clock) {
        this.algorithm = algorithm;
        this.active = active;
        this.rotationInterval = rotationInterval;
        this.publishAhead = publishAhead;
        this.retention = retention;
        this.clock = clock;
        Instant now = clock.instant();
        for (SigningKey key : previous) {
            retired.add(new Retired(key, now.plus(retention)));
        }
        publish();
    }

    /**
     * A ring that generates its keys and rotates them on schedule.
     *
     * @param algorithm the signing algorithm (RSA 2048-bit, EC on the algorithm's curve, or Ed25519 keys)
     * @param rotationInterval how long each key signs, longer than {@code publishAhead}
     * @param publishAhead how long a new key is published before it signs; at least the time
     *     verifiers take to refresh their key sets
     * @param retention how long a retired key stays published: at least the longest access-token
     *     lifetime plus clock skew
     * @param clock the time source, not null
     */
    public static SigningKeyRing generating(JwsAlgorithm algorithm, Duration rotationInterval, Duration publishAhead,
            Duration retention, Clock clock) {
        checkSigning(algorithm);
        Objects.requireNonNull(clock, "clock");
        if (rotationInterval.compareTo(publishAhead) <= 0 || publishAhead.isNegative() || retention.isNegative()) {
            throw new IllegalArgumentException("the rotation interval must exceed the publish-ahead time, and both "
                    + "the publish-ahead time and the retention must not be negative");
        }
        Instant now = clock.instant();
        SigningKey first = generate(algorithm, now, now);
        return new SigningKeyRing(algorithm, first, List.of(), rotationInterval, publishAhead, retention, clock);
    }

    /**
     * A ring with a configured key and no scheduled rotation: operators rotate by configuring a
     * new key and keeping the old one in {@code previous} for the retention time.
     *
     * @param active the key that signs, not null
     * @param previous keys that no longer sign but stay published for {@code retention}, not null
     */
    public static SigningKeyRing fixed(SigningKey active, List<SigningKey> previous, Duration retention, Clock clock) {
        checkSigning(active.algorithm());
        return new SigningKeyRing(active.algorithm(), active, List.copyOf(previous), null, Duration.ZERO, retention,
                Objects.requireNonNull(clock, "clock"));
    }

    private static void checkSigning(JwsAlgorithm algorithm) {
        if (algorithm.name().startsWith("HS")) {
            throw new IllegalArgumentException("HMAC cannot sign tokens that others verify with a published key");
        }
    }

    /** @return the key to sign with now (after applying the rotation schedule) */
    public synchronized SigningKey signingKey() {
        maintain();
        return active;
    }

    /** @return the public keys published now: active, upcoming and retired-but-retained */
    public List<VerificationKey> publishedKeys() {
        synchronized (this) {
            maintain();
        }
        return published;
    }

    /** @return a number that changes whenever the published set changes */
    public long version() {
        synchronized (this) {
            maintain();
        }
        return version;
    }

    /** @return the signing algorithm */
    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * The published keys as a JWK Set (RFC 7517) with {@code kid}, {@code alg} and {@code use: sig};
     * public parts only, whatever the key type.
     */
    public String jwks() {
        List<JsonWebKey> jwks = new ArrayList<>();
        for (VerificationKey key : publishedKeys()) {
            try {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key.key());
                jwk.setKeyId(key.keyId().orElseThrow());
                jwk.setAlgorithm(key.algorithms().iterator().next().joseName());
                jwk.setUse("sig");
                jwks.add(jwk);
            } catch (JoseException e) {
                throw new IllegalStateException("cannot express key " + key.keyId().orElse("?") + " as a JWK", e);
            }
        }
        return new JsonWebKeySet(jwks).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** @return this ring's published keys as a verifier's key source (its version follows the ring's) */
    public KeySource keySource() {
        return new KeySource() {
            @Override
            public List<VerificationKey> keys() {
                return publishedKeys();
            }

            @Override
            public String describe() {
                return "signing key ring (" + algorithm + ")";
            }

            @Override
            public long version() {
                return SigningKeyRing.this.version();
            }
        };
    }

    private void maintain() {
        Instant now = clock.instant();
        boolean changed = false;
        if (rotationInterval != null) {
            if (next == null && !now.isBefore(active.activeFrom().plus(rotationInterval).minus(publishAhead))) {
                next = generate(algorithm, now, now.plus(publishAhead));
                LOG.log(System.Logger.Level.INFO, "Published signing key " + next.keyId() + "; it signs from "
                        + next.activeFrom());
                changed = true;
            }
            if (next != null && !now.isBefore(next.activeFrom())) {
                retired.add(new Retired(active, now.plus(retention)));
                LOG.log(System.Logger.Level.INFO, "Signing key " + next.keyId() + " now signs; " + active.keyId()
                        + " stays published until " + now.plus(retention));
                active = next;
                next = null;
                changed = true;
            }
        }
        changed |= retired.removeIf(r -> !now.isBefore(r.unpublishAt()));
        if (changed) {
            publish();
        }
    }

    private void publish() {
        List<VerificationKey> keys = new ArrayList<>();
        keys.add(active.verificationKey());
        if (next != null) {
            keys.add(next.verificationKey());
        }
        retired.forEach(r -> keys.add(r.key().verificationKey()));
        published = List.copyOf(keys);
        version++;
    }

    /** Generates a key pair for {@code algorithm}, named by its RFC 7638 thumbprint. */
    static SigningKey generate(JwsAlgorithm algorithm, Instant publishedAt, Instant activeFrom) {
        try {
            KeyPairGenerator generator;
            switch (algorithm.keyFamily()) {
                case RSA:
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    break;
                case EC:
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec(algorithm == JwsAlgorithm.ES256 ? "secp256r1"
                            : algorithm == JwsAlgorithm.ES384 ? "secp384r1" : "secp521r1"));
                    break;
                case ED25519:
                    generator = KeyPairGenerator.getInstance("Ed25519");
                    break;
                default:
                    throw new IllegalArgumentException(algorithm + " cannot be generated for signing");
            }
            KeyPair pair = generator.generateKeyPair();
            String kid = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic()).calculateBase64urlEncodedThumbprint(
                    "SHA-256");
            return new SigningKey(kid, pair.getPrivate(), pair.getPublic(), algorithm, publishedAt, activeFrom);
        } catch (GeneralSecurityException | JoseException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKeyRing[" + algorithm + ", active=" + active.keyId() + "]";
    }
}
