package io.jwtguard.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.verify.VerifierConfigBuilder;
import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.verify.TokenVerifier;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
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
 * Full verification of one token (signature, issuer, audience, expiry) by JWT Guard (uncached
 * and through its verified-token cache), smallrye-jwt 4.6.3 ({@code DefaultJWTParser}) and
 * nimbus-jose-jwt ({@code DefaultJWTProcessor}), next to the bare JCA signature check over the
 * same signing input, all in one run.
 *
 * <p>nimbus needs Google Tink for Ed25519, which we do not ship; its EdDSA row fails on purpose
 * (JMH reports it and carries on).
 *
 * <p>Run (one thread, then two): {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar VerificationBenchmark -prof gc} and the same with
 * {@code -t 2}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class VerificationBenchmark {
    private static final String ISSUER = "https://issuer.example";
    private static final String AUDIENCE = "orders-api";

    @Param({"RS256", "PS256", "ES256", "EdDSA", "HS256"})
    public String algorithm;

    String token;
    byte[] signingInput;
    byte[] signature;
    PublicKey publicKey;
    SecretKey secret;
    private TokenVerifier jwtGuard;
    /** Uncached, signatures by Amazon Corretto Crypto Provider ({@code jwtguard.crypto.provider}). */
    private TokenVerifier jwtGuardNative;
    private TokenVerifier jwtGuardCached;
    private DefaultJWTParser smallrye;
    private DefaultJWTProcessor<SecurityContext> nimbus;

    /** Per-thread JCA engines for the raw baseline, initialised like a lean verifier would. */
    @State(Scope.Thread)
    public static class Engines {
        Signature signature;
        Mac mac;
        /** The same engines from Amazon Corretto Crypto Provider, used as an instance (never installed). */
        Signature nativeSignature;
        Mac nativeMac;

        @Setup
        public void setUp(VerificationBenchmark benchmark) throws Exception {
            if (benchmark.algorithm.equals("HS256")) {
                mac = Mac.getInstance("HmacSHA256");
                nativeMac = Mac.getInstance("HmacSHA256", NATIVE);
            } else {
                signature = jcaSignature(benchmark.algorithm, null);
                nativeSignature = jcaSignature(benchmark.algorithm, NATIVE);
            }
        }
    }

    static final java.security.Provider NATIVE =
            com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE;

    static Signature jcaSignature(String alg) throws Exception {
        return jcaSignature(alg, null);
    }

    /** @param provider null for the JDK's preference order */
    static Signature jcaSignature(String alg, java.security.Provider provider) throws Exception {
        String name;
        switch (alg) {
            case "RS256":
                name = "SHA256withRSA";
                break;
            case "PS256":
                name = "RSASSA-PSS";
                break;
            case "ES256":
                name = "SHA256withECDSAinP1363Format";
                break;
            case "EdDSA":
                name = "Ed25519";
                break;
            default:
                throw new IllegalArgumentException(alg);
        }
        Signature signature = provider == null ? Signature.getInstance(name) : Signature.getInstance(name, provider);
        if (alg.equals("PS256")) {
            signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        }
        return signature;
    }

    @Setup
    public void setUp() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\",\"kid\":\"key-1\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"user-1234567890\",\"upn\":\"jdoe@example.com\","
                + "\"aud\":\"" + AUDIENCE + "\",\"iat\":" + now + ",\"exp\":" + (now + 3000)
                + ",\"jti\":\"a3f1c9e0-7b2d-4e55-9f0a-1c2b3d4e5f60\",\"groups\":[\"user\",\"admin\"],"
                + "\"scope\":\"orders:read orders:write\",\"client_id\":\"web-frontend\"}";
        String input = Base64Url.encode(header.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64Url.encode(claims.getBytes(StandardCharsets.UTF_8));
        signingInput = input.getBytes(StandardCharsets.US_ASCII);

        JwsAlgorithm jwsAlgorithm = JwsAlgorithm.fromJoseName(algorithm).orElseThrow();
        VerifierConfigBuilder config = VerifierConfig.builder().issuer(ISSUER).audiences(Set.of(AUDIENCE))
                .allowedAlgorithms(EnumSet.of(jwsAlgorithm));
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setIssuedBy(ISSUER);
        context.setExpectedAudience(Set.of(AUDIENCE));
        context.setSignatureAlgorithm(Set.of(algorithm.equals("EdDSA") ? SignatureAlgorithm.EDDSA
                : SignatureAlgorithm.fromAlgorithm(algorithm)));
        JWK nimbusKey;
        if (algorithm.equals("HS256")) {
            byte[] secretBytes = new byte[32];
            new SecureRandom().nextBytes(secretBytes);
            secret = new SecretKeySpec(secretBytes, "HmacSHA256");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            signature = mac.doFinal(signingInput);
            config.verificationKeys(VerificationKey.ofSecret("key-1", secretBytes, false));
            context.setSecretVerificationKey(secret);
            nimbusKey = new OctetSequenceKey.Builder(secretBytes).keyID("key-1").build();
        } else {
            KeyPair pair = keyPair(algorithm);
            publicKey = pair.getPublic();
            Signature signer = jcaSignature(algorithm);
            signer.initSign(pair.getPrivate());
            signer.update(signingInput);
            signature = signer.sign();
            config.verificationKeys(VerificationKey.ofPublicKey("key-1", publicKey));
            context.setPublicVerificationKey(publicKey);
            nimbusKey = publicKey instanceof RSAPublicKey
                    ? new RSAKey.Builder((RSAPublicKey) publicKey).keyID("key-1").build()
                    : publicKey instanceof ECPublicKey
                    ? new ECKey.Builder(Curve.P_256, (ECPublicKey) publicKey).keyID("key-1").build() : null;
        }
        token = input + "." + Base64Url.encode(signature);
        jwtGuardCached = TokenVerifier.create(config.build());
        jwtGuard = TokenVerifier.create(config.verifiedTokenCache(false, 0).build());
        io.jwtguard.core.jose.SignatureEngines nativeEngines = io.jwtguard.core.jose.CryptoProviders.select(
                java.util.Optional.of("AmazonCorrettoCryptoProvider"));
        if (!nativeEngines.nativeAlgorithms().contains(jwsAlgorithm)) {
            throw new IllegalStateException("the native provider does not serve " + algorithm + ": "
                    + nativeEngines.summary());
        }
        jwtGuardNative = TokenVerifier.create(config.signatureEngines(nativeEngines).build());
        smallrye = new DefaultJWTParser(context);
        if (nimbusKey != null) {
            nimbus = new DefaultJWTProcessor<>();
            nimbus.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(algorithm),
                    new ImmutableJWKSet<>(new JWKSet(nimbusKey))));
            nimbus.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE,
                    new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("exp", "sub")));
        }
        // fail fast if a contender refuses the token
        jwtGuard();
        jwtGuardNative();
        jwtGuardCached();
        smallrye();
        if (nimbus != null) {
            nimbus();
        }
    }

    private static KeyPair keyPair(String alg) throws Exception {
        KeyPairGenerator generator;
        switch (alg) {
            case "RS256":
            case "PS256":
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                break;
            case "ES256":
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                break;
            default:
                generator = KeyPairGenerator.getInstance("Ed25519");
        }
        return generator.generateKeyPair();
    }

    @Benchmark
    public boolean rawJca(Engines engines) throws Exception {
        if (engines.mac != null) {
            engines.mac.init(secret);
            return MessageDigest.isEqual(engines.mac.doFinal(signingInput), signature);
        }
        engines.signature.initVerify(publicKey);
        engines.signature.update(signingInput);
        return engines.signature.verify(signature);
    }

    /** {@link #rawJca} with the native provider's engines: its floor. */
    @Benchmark
    public boolean rawJcaNative(Engines engines) throws Exception {
        if (engines.nativeMac != null) {
            engines.nativeMac.init(secret);
            return MessageDigest.isEqual(engines.nativeMac.doFinal(signingInput), signature);
        }
        engines.nativeSignature.initVerify(publicKey);
        engines.nativeSignature.update(signingInput);
        return engines.nativeSignature.verify(signature);
    }

    @Benchmark
    public Object jwtGuard() {
        return jwtGuard.verify(token);
    }

    /** {@link #jwtGuard} with signatures by the native provider (our checks in front, as always). */
    @Benchmark
    public Object jwtGuardNative() {
        return jwtGuardNative.verify(token);
    }

    /** The same token again and again: served by the verified-token cache (time and revocation re-checked). */
    @Benchmark
    public Object jwtGuardCached() {
        return jwtGuardCached.verify(token);
    }

    @Benchmark
    public Object smallrye() throws Exception {
        return smallrye.parse(token);
    }

    @Benchmark
    public Object nimbus() throws Exception {
        if (nimbus == null) {
            throw new UnsupportedOperationException("nimbus-jose-jwt needs Google Tink for Ed25519");
        }
        return nimbus.process(token, null);
    }
}
