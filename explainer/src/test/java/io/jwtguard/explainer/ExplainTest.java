package io.jwtguard.explainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The explainer on the six typical misconfigurations, a good token, and hostile input. */
class ExplainTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ISSUER = "https://idp.example/realms/a";
    private static KeyPair rsa;
    private static KeyPair weak;

    @TempDir
    static Path dir;

    /** The run's report and exit status. */
    record Report(int status, String text) {
    }

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
        generator.initialize(1024);
        weak = generator.generateKeyPair();
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sign(String header, String claims, String jcaAlgorithm, PrivateKey key) throws Exception {
        String input = b64(header) + "." + b64(claims);
        Signature signature = Signature.getInstance(jcaAlgorithm);
        signature.initSign(key);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(signature.sign());
    }

    static String claims(String iss, String aud, long exp) {
        return "{\"iss\":\"" + iss + "\",\"sub\":\"user-1\",\"upn\":\"jdoe@example.com\",\"aud\":\"" + aud
                + "\",\"iat\":" + (NOW.getEpochSecond() - 60) + ",\"exp\":" + exp + ",\"groups\":[\"user\"]}";
    }

    static String good() throws Exception {
        return sign("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}", claims(ISSUER, "orders-api", NOW.getEpochSecond() + 240),
                "SHA256withRSA", rsa.getPrivate());
    }

    static String jwk(String kid, RSAPublicKey key) {
        return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"n\":\"" + b64(unsigned(key.getModulus()))
                + "\",\"e\":\"" + b64(unsigned(key.getPublicExponent())) + "\"}]}";
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    static Path config(String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "app", ".properties");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    static Path standardConfig() throws IOException {
        return config("mp.jwt.verify.issuer=" + ISSUER, "mp.jwt.verify.audiences=orders-api",
                "mp.jwt.verify.publickey=" + jwk("k1", (RSAPublicKey) rsa.getPublic()));
    }

    static Report run(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = Explain.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, env, CLOCK);
        return new Report(status, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void goodTokenThenAcceptedEveryStepPassedAndClaimsShown() throws Exception {
        String token = good();
        Report report = run(Map.of(), "", "--config", standardConfig().toString(), token);
        assertThat(report.status()).isEqualTo(Explain.ACCEPTED);
        assertThat(report.text()).contains("result: ACCEPTED, principal 'jdoe@example.com'")
                .contains("claims (the signature verified):").contains("'iss': '" + ISSUER + "'")
                .contains("7. signature").contains("not used (a JWS)").doesNotContain("FAILED")
                .doesNotContain(token.substring(token.lastIndexOf('.') + 1)) // never the signature
                .doesNotContain(token.substring(token.indexOf('.') + 1, token.lastIndexOf('.'))); // nor the raw payload
    }

    @Test
    void wrongIssuerThenExpectedAndActualAfterAVerifiedSignature() throws Exception {
        String token = sign("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}",
                claims("https://idp.example/realms/b", "orders-api", NOW.getEpochSecond() + 240), "SHA256withRSA", rsa.getPrivate());
        Report report = run(Map.of(), token, "--config", standardConfig().toString());
        assertThat(report.status()).isEqualTo(Explain.REJECTED);
        assertThat(report.text()).containsPattern("7\\. signature \\.+ +passed")
                .contains("FAILED  ISSUER_MISMATCH: 'iss' is not the configured issuer: expected '" + ISSUER
                        + "', got 'https://idp.example/realms/b'")
                .containsPattern("10\\. revocation \\.+ +not reached")
                .contains("claims (the signature verified; the token was refused):")
                .contains("result: REJECTED, HTTP 401 invalid_token");
    }

    @Test
    void wrongAudienceThenExpectedAndActual() throws Exception {
        String token = sign("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}",
                claims(ISSUER, "billing-api", NOW.getEpochSecond() + 240), "SHA256withRSA", rsa.getPrivate());
        Report report = run(Map.of(), "", "--config", standardConfig().toString(), token);
        assertThat(report.status()).isEqualTo(Explain.REJECTED);
        assertThat(report.text()).contains("FAILED  AUDIENCE_MISMATCH: no 'aud' value is accepted: expected one of "
                + "['orders-api'], got 'billing-api'");
    }

    @Test
    void expiredThenHowLongAgoAndTheSkew() throws Exception {
        String token = sign("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}",
                claims(ISSUER, "orders-api", NOW.getEpochSecond() - 180), "SHA256withRSA", rsa.getPrivate());
        Report report = run(Map.of(), "", "--config", standardConfig().toString(), token);
        assertThat(report.status()).isEqualTo(Explain.REJECTED);
        assertThat(report.text()).contains("FAILED  EXPIRED: expired at 2026-12-03T09:57:00Z, 180 s before now "
                + "(2026-12-03T10:00:00Z), clock skew 30 s");
    }

    @Test
    void unknownKidThenTrustedKidsShownAndClaimsWithheld() throws Exception {
        String token = sign("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k2\"}",
                claims(ISSUER, "orders-api", NOW.getEpochSecond() + 240), "SHA256withRSA", rsa.getPrivate());
        Report report = run(Map.of(), "", "--config", standardConfig().toString(), token);
        assertThat(report.status()).isEqualTo(Explain.REJECTED);
        assertThat(report.text()).contains("FAILED  NO_MATCHING_KEY: no trusted key for RS256 with kid 'k2'; trusted kids: ['k1']")
                .containsPattern("7\\. signature \\.+ +not reached")
                .contains("claims: not shown (the signature was not verified)")
                .contains("keys: mp.jwt.verify.publickey").contains("kids ['k1']")
                .doesNotContain("jdoe@example.com");
    }

    @Test
    void algorithmNotAllowedThenTheAllowList() throws Exception {
        String token = sign("{\"alg\":\"RS512\",\"typ\":\"JWT\",\"kid\":\"k1\"}",
                claims(ISSUER, "orders-api", NOW.getEpochSecond() + 240), "SHA512withRSA", rsa.getPrivate());
        Report report = run(Map.of(), "", "--config", standardConfig().toString(), token);
        assertThat(report.status()).isEqualTo(Explain.REJECTED);
        assertThat(report.text()).contains("FAILED  ALGORITHM_NOT_ALLOWED: algorithm RS512 is not in the allow-list [RS256]");
    }

    @Test
    void weakKeyThenTheConfigurationIsRefusedAsAtDeployment() throws Exception {
        Path config = config("mp.jwt.verify.issuer=" + ISSUER,
                "mp.jwt.verify.publickey=" + jwk("k1", (RSAPublicKey) weak.getPublic()));
        String token = sign("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}",
                claims(ISSUER, "orders-api", NOW.getEpochSecond() + 240), "SHA256withRSA", weak.getPrivate());
        Report report = run(Map.of(), "", "--config", config.toString(), token);
        assertThat(report.status()).isEqualTo(Explain.CANNOT_TELL);
        assertThat(report.text()).contains("configuration: REFUSED").contains("1024");
    }

    @Test
    void environmentVariablesWinOverTheFileAsInMicroProfileConfig() throws Exception {
        Report report = run(Map.of("MP_JWT_VERIFY_ISSUER", "https://other.example"), "", "--config",
                standardConfig().toString(), good());
        assertThat(report.status()).isEqualTo(Explain.REJECTED);
        assertThat(report.text()).contains("expected 'https://other.example'");
        assertThat(run(Map.of("MP_JWT_VERIFY_ISSUER", "https://other.example"), "", "--no-env", "--config",
                standardConfig().toString(), good()).status()).isEqualTo(Explain.ACCEPTED);
    }

    @Test
    void hostileHeaderThenEscapedAndNotAToken() throws Exception {
        String token = b64("{\"alg\":\"RS256\",\"kid\":\"a\\nFORGED LINE\"}") + "." + b64("{}") + ".c2ln";
        Report report = run(Map.of(), "", "--config", standardConfig().toString(), token);
        assertThat(report.status()).isEqualTo(Explain.REJECTED);
        assertThat(report.text()).doesNotContain("\nFORGED LINE").contains("\\\\nFORGED LINE");
        assertThat(run(Map.of(), "", "--bogus").status()).isEqualTo(Explain.USAGE);
    }
}
