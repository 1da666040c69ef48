package io.jwtguard.benchmarks;

import io.jwtguard.core.dpop.DPoPMode;
import io.jwtguard.core.dpop.DPoPProof;
import io.jwtguard.core.dpop.DPoPProofVerifier;
import io.jwtguard.core.dpop.DPoPSettings;
import io.jwtguard.core.dpop.InMemoryReplayCache;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One DPoP proof check (RFC 9449 section 4.3) by {@link DPoPProofVerifier}: ES256 proof with its
 * {@code jwk}, every check including {@code ath} and {@code cnf.jkt}, next to the bare JCA ES256
 * signature check over the same signing input. {@code jwtGuardNoReplay} uses a replay cache that
 * accepts every proof (the same proof is checked again and again); {@code jwtGuardWithReplayCache}
 * records a distinct entry per call in the in-memory cache (a counter appended to the digest, as
 * distinct proofs would give), so it includes the cache's cost.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar DPoPProofBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DPoPProofBenchmark {
    private static final String URL = "https://api.example.com/orders/42";
    private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

    private DPoPProofVerifier noReplay;
    private DPoPProofVerifier withReplay;
    private List<String> proof;
    private Optional<String> jkt;
    private KeyPair key;
    private byte[] input;
    private byte[] signature;

    @Setup
    public void setUp() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        key = generator.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) key.getPublic();
        String x = b64(fixed(pub.getW().getAffineX()));
        String y = b64(fixed(pub.getW().getAffineY()));
        long iat = 1_780_000_000L;
        String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + x
                + "\",\"y\":\"" + y + "\"}}";
        String ath = b64(MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.US_ASCII)));
        String claims = "{\"jti\":\"e1j3V_bKic8-LAEB\",\"htm\":\"GET\",\"htu\":\"" + URL + "\",\"iat\":" + iat
                + ",\"ath\":\"" + ath + "\"}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(key.getPrivate());
        input = signingInput.getBytes(StandardCharsets.US_ASCII);
        signer.update(input);
        signature = signer.sign();
        proof = List.of(signingInput + "." + b64(signature));
        jkt = Optional.of(b64(MessageDigest.getInstance("SHA-256").digest(("{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\""
                + x + "\",\"y\":\"" + y + "\"}").getBytes(StandardCharsets.US_ASCII))));
        Clock clock = Clock.fixed(Instant.ofEpochSecond(iat), ZoneOffset.UTC);
        DPoPSettings settings = DPoPSettings.DEFAULT.withMode(DPoPMode.ALLOWED);
        noReplay = new DPoPProofVerifier(settings, (digest, expiresAt) -> true, clock);
        InMemoryReplayCache cache = new InMemoryReplayCache(10_000_000, clock, Duration.ofSeconds(5));
        AtomicLong counter = new AtomicLong();
        // a distinct entry per call, as with distinct proofs; the cache is large enough for the run
        withReplay = new DPoPProofVerifier(settings,
                (digest, expiresAt) -> cache.firstUse(digest + counter.incrementAndGet(), expiresAt), clock);
    }

    @Benchmark
    public DPoPProof jwtGuardNoReplay() {
        return noReplay.verify(proof, "GET", URL, TOKEN, jkt);
    }

    @Benchmark
    public DPoPProof jwtGuardWithReplayCache() {
        return withReplay.verify(proof, "GET", URL, TOKEN, jkt);
    }

    @Benchmark
    public boolean rawJcaEs256() throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key.getPublic());
        verifier.update(input);
        return verifier.verify(signature);
    }

    private static byte[] fixed(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
