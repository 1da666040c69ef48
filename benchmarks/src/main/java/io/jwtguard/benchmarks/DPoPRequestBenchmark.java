package io.jwtguard.benchmarks;

import io.jwtguard.core.dpop.DPoPBinding;
import io.jwtguard.core.dpop.DPoPMode;
import io.jwtguard.core.dpop.DPoPProof;
import io.jwtguard.core.dpop.DPoPProofVerifier;
import io.jwtguard.core.dpop.DPoPSettings;
import io.jwtguard.core.dpop.InMemoryReplayCache;
import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.jose.CryptoProviders;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.jose.SignatureEngines;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.core.verify.VerifiedToken;
import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.verify.VerifierConfigBuilder;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a DPoP-protected request costs the resource server (RFC 9449), next to a plain bearer request,
 * in one run: the access token is RS256 (the usual authorization-server choice), the proof is signed
 * with {@link #proofAlgorithm}.
 * <ul>
 *   <li>{@code bearer}: {@code TokenVerifier.verify} of an unbound token, verified-token cache off;</li>
 *   <li>{@code dpop}: the same verification of a bound token ({@code cnf.jkt}) plus the proof's
 *       ({@link DPoPProofVerifier#verify}: every check, {@code ath}, {@code cnf.jkt}, and a distinct entry
 *       per call in the in-memory replay cache, as distinct proofs would give);</li>
 *   <li>{@code bearerCached} and {@code dpopCached}: the same with the verified-token cache on (the
 *       runtime's default): the token is a cache hit, the proof is checked in full every time.</li>
 * </ul>
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar DPoPRequestBenchmark -f 1 -wi 3 -i 5}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DPoPRequestBenchmark {
    private static final String ISSUER = "https://issuer.example";
    private static final String AUDIENCE = "orders-api";
    private static final String URL = "https://api.example.com/orders/42";
    private static final long NOW = 1_780_000_000L;

    @Param({"ES256", "RS256", "EdDSA"})
    public String proofAlgorithm;

    /**
     * Who computes the signatures of token and proof: {@code jdk}, or {@code AmazonCorrettoCryptoProvider}
     * (ACCP, as {@code jwtguard.crypto.provider} names it; it must serve every algorithm of the run).
     */
    @Param({"jdk", "AmazonCorrettoCryptoProvider"})
    public String crypto;

    private TokenVerifier uncached;
    private TokenVerifier cached;
    private DPoPProofVerifier proofs;
    private String bearerToken;
    private String boundToken;
    private List<String> proof;

    @Setup
    public void setUp() throws Exception {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair issuerKey = rsa.generateKeyPair();
        KeyPair proofKey = proofKey(proofAlgorithm);
        String jwk = jwk(proofKey.getPublic());
        String thumbprint = b64(sha256(jwk));

        String header = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"key-1\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"user-1234567890\",\"aud\":\"" + AUDIENCE
                + "\",\"iat\":" + NOW + ",\"exp\":" + (NOW + 300) + ",\"jti\":\"a3f1c9e0-7b2d-4e55\","
                + "\"groups\":[\"user\"],\"scope\":\"orders:read\",\"client_id\":\"web\"";
        bearerToken = sign(header, claims + "}", issuerKey, "RS256");
        boundToken = sign(header, claims + ",\"cnf\":{\"jkt\":\"" + thumbprint + "\"}}", issuerKey, "RS256");

        String proofHeader = "{\"typ\":\"dpop+jwt\",\"alg\":\"" + proofAlgorithm + "\",\"jwk\":" + jwk + "}";
        String proofClaims = "{\"jti\":\"e1j3V_bKic8-LAEB\",\"htm\":\"GET\",\"htu\":\"" + URL + "\",\"iat\":" + NOW
                + ",\"ath\":\"" + b64(sha256(boundToken)) + "\"}";
        proof = List.of(sign(proofHeader, proofClaims, proofKey, proofAlgorithm));

        SignatureEngines engines = CryptoProviders.select(Optional.of(crypto));
        if (!crypto.equals(CryptoProviders.JDK) && !engines.nativeAlgorithms().containsAll(
                EnumSet.of(JwsAlgorithm.RS256, JwsAlgorithm.fromJoseName(proofAlgorithm).orElseThrow()))) {
            throw new IllegalStateException(crypto + " does not serve this run's algorithms: " + engines.summary());
        }
        VerifierConfigBuilder config = VerifierConfig.builder().issuer(ISSUER).audiences(Set.of(AUDIENCE))
                .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256)).clock(clock).signatureEngines(engines)
                .verificationKeys(VerificationKey.ofPublicKey("key-1", issuerKey.getPublic()));
        cached = TokenVerifier.create(config.build());
        uncached = TokenVerifier.create(config.verifiedTokenCache(false, 0).build());
        InMemoryReplayCache cache = new InMemoryReplayCache(20_000_000, clock, Duration.ofSeconds(5));
        AtomicLong counter = new AtomicLong();
        proofs = new DPoPProofVerifier(DPoPSettings.DEFAULT.withMode(DPoPMode.ALLOWED),
                (digest, expiresAt) -> cache.firstUse(digest + counter.incrementAndGet(), expiresAt), clock, engines);
        // fail here, not in the measurement, if anything is refused
        bearer();
        dpop();
        dpopCached();
    }

    @Benchmark
    public VerifiedToken bearer() {
        return uncached.verify(bearerToken);
    }

    @Benchmark
    public VerifiedToken bearerCached() {
        return cached.verify(bearerToken);
    }

    @Benchmark
    public DPoPProof dpop() {
        return request(uncached);
    }

    @Benchmark
    public DPoPProof dpopCached() {
        return request(cached);
    }

    /** What the runtime does for {@code Authorization: DPoP}: the token's pipeline, then the proof's. */
    private DPoPProof request(TokenVerifier tokens) {
        VerifiedToken token = tokens.verify(boundToken);
        return proofs.verify(proof, "GET", URL, boundToken, DPoPBinding.thumbprint(token.claims()));
    }

    private static KeyPair proofKey(String alg) throws Exception {
        switch (alg) {
            case "ES256": {
                KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
                ec.initialize(new ECGenParameterSpec("secp256r1"));
                return ec.generateKeyPair();
            }
            case "RS256": {
                KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
                rsa.initialize(2048);
                return rsa.generateKeyPair();
            }
            case "EdDSA":
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            default:
                throw new IllegalArgumentException(alg);
        }
    }

    /** The public JWK, members in RFC 7638 order, so that it is also the thumbprint's input. */
    private static String jwk(PublicKey key) {
        if (key instanceof ECPublicKey) {
            ECPublicKey ec = (ECPublicKey) key;
            return "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + b64(fixed(ec.getW().getAffineX(), 32))
                    + "\",\"y\":\"" + b64(fixed(ec.getW().getAffineY(), 32)) + "\"}";
        }
        if (key instanceof RSAPublicKey) {
            RSAPublicKey rsa = (RSAPublicKey) key;
            return "{\"e\":\"" + b64(unsigned(rsa.getPublicExponent())) + "\",\"kty\":\"RSA\",\"n\":\""
                    + b64(unsigned(rsa.getModulus())) + "\"}";
        }
        byte[] spki = key.getEncoded(); // Ed25519: the SubjectPublicKeyInfo ends with the 32-byte key
        return "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\""
                + b64(Arrays.copyOfRange(spki, spki.length - 32, spki.length)) + "\"}";
    }

    private static String sign(String header, String claims, KeyPair key, String alg) throws Exception {
        String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance(alg.equals("ES256") ? "SHA256withECDSAinP1363Format"
                : alg.equals("EdDSA") ? "Ed25519" : "SHA256withRSA");
        signer.initSign(key.getPrivate());
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(signer.sign());
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] fixed(BigInteger value, int width) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[width];
        int copy = Math.min(bytes.length, width);
        System.arraycopy(bytes, bytes.length - copy, out, width - copy, copy);
        return out;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64Url.encode(bytes);
    }
}
