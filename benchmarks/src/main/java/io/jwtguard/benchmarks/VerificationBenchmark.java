package io.jwtguard.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.jwtguard.core.config.VerifierConfig;
import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.verify.TokenVerifier;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
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
 * Full verification of one token (signature, issuer, audience, expiry) by JWT Guard, smallrye-jwt
 * and nimbus-jose-jwt, next to the bare JCA signature check over the same signing input.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar VerificationBenchmark -prof gc}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class VerificationBenchmark {
    private static final String ISSUER = "https://issuer.example";
    private static final String AUDIENCE = "orders-api";

    @Param({"RS256", "HS256"})
    public String algorithm;

    private String token;
    private byte[] signingInput;
    private byte[] signature;
    private RSAPublicKey rsaPublic;
    private SecretKey secret;
    private TokenVerifier jwtGuard;
    private TokenVerifier jwtGuardCached;
    private DefaultJWTParser smallrye;
    private DefaultJWTProcessor<SecurityContext> nimbus;

    /** Per-thread JCA engines for the raw baseline. */
    @State(Scope.Thread)
    public static class Engines {
        Signature rsa;
        Mac mac;

        @Setup
        public void setUp() throws Exception {
            rsa = Signature.getInstance("SHA256withRSA");
            mac = Mac.getInstance("HmacSHA256");
        }
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

        VerifierConfig.Builder config = VerifierConfig.builder().issuer(ISSUER).audiences(Set.of(AUDIENCE));
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setIssuedBy(ISSUER);
        context.setExpectedAudience(Set.of(AUDIENCE));
        nimbus = new DefaultJWTProcessor<>();
        if (algorithm.equals("RS256")) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            rsaPublic = (RSAPublicKey) pair.getPublic();
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(pair.getPrivate());
            signer.update(signingInput);
            signature = signer.sign();
            config.verificationKeys(VerificationKey.ofPublicKey("key-1", rsaPublic))
                    .allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256));
            context.setPublicVerificationKey(rsaPublic);
            context.setSignatureAlgorithm(Set.of(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256));
            nimbus.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                    new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder(rsaPublic).keyID("key-1").build()))));
        } else {
            byte[] secretBytes = new byte[32];
            new java.security.SecureRandom().nextBytes(secretBytes);
            secret = new SecretKeySpec(secretBytes, "HmacSHA256");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            signature = mac.doFinal(signingInput);
            config.verificationKeys(VerificationKey.ofSecret("key-1", secretBytes, false))
                    .allowedAlgorithms(EnumSet.of(JwsAlgorithm.HS256));
            context.setSecretVerificationKey(secret);
            context.setSignatureAlgorithm(Set.of(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256));
            nimbus.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                    new ImmutableJWKSet<>(new JWKSet(new OctetSequenceKey.Builder(secretBytes).keyID("key-1").build()))));
        }
        token = input + "." + Base64Url.encode(signature);
        jwtGuardCached = TokenVerifier.create(config.build());
        jwtGuard = TokenVerifier.create(config.verifiedTokenCache(false, 0).build());
        smallrye = new DefaultJWTParser(context);
        nimbus.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("exp", "sub")));
        // fail fast if any contender refuses the token
        jwtGuard(); jwtGuardCached(); smallrye(); nimbus();
    }

    @Benchmark
    public boolean rawJca(Engines engines) throws Exception {
        if (algorithm.equals("RS256")) {
            engines.rsa.initVerify(rsaPublic);
            engines.rsa.update(signingInput);
            return engines.rsa.verify(signature);
        }
        engines.mac.init(secret);
        return java.security.MessageDigest.isEqual(engines.mac.doFinal(signingInput), signature);
    }

    @Benchmark
    public Object jwtGuard() {
        return jwtGuard.verify(token);
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
        return nimbus.process(token, null);
    }
}
