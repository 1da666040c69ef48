package io.jwtguard.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.jose.Base64Url;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Rejection digests correlate repeated attempts with one token. An ECDSA token has a second
 * spelling that anyone can derive, (r, n - s); it must not be a way to look like a new token in
 * logs, events and counters keyed on the digest.
 */
class TokenDigestTest {
    private static String b64(String text) {
        return Base64Url.encode(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] signedAndTwin(String alg, String curve, String jca, int width) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        KeyPair key = generator.generateKeyPair();
        String input = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + b64("{\"sub\":\"revoked-user\",\"exp\":1}");
        Signature signer = Signature.getInstance(jca);
        signer.initSign(key.getPrivate());
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        byte[] rs = signer.sign();
        BigInteger n = ((ECPublicKey) key.getPublic()).getParams().getOrder();
        byte[] s = n.subtract(new BigInteger(1, rs, width, width)).toByteArray();
        byte[] twin = rs.clone();
        java.util.Arrays.fill(twin, width, 2 * width, (byte) 0);
        int copy = Math.min(s.length, width);
        System.arraycopy(s, s.length - copy, twin, 2 * width - copy, copy);
        return new String[] {input + "." + Base64Url.encode(rs), input + "." + Base64Url.encode(twin)};
    }

    @ParameterizedTest
    @CsvSource({"ES256,secp256r1,SHA256withECDSAinP1363Format,32", "ES384,secp384r1,SHA384withECDSAinP1363Format,48",
            "ES512,secp521r1,SHA512withECDSAinP1363Format,66"})
    void ofWhenEcdsaTwinsThenSameDigest(String alg, String curve, String jca, int width) throws Exception {
        String[] tokens = signedAndTwin(alg, curve, jca, width);
        assertThat(tokens[1]).isNotEqualTo(tokens[0]);

        assertThat(TokenDigest.of(tokens[1])).isEqualTo(TokenDigest.of(tokens[0])).hasSize(16);
    }

    @Test
    void ofWhenDifferentTokensThenDifferentDigests() throws Exception {
        String[] one = signedAndTwin("ES256", "secp256r1", "SHA256withECDSAinP1363Format", 32);
        String[] other = signedAndTwin("ES256", "secp256r1", "SHA256withECDSAinP1363Format", 32);
        assertThat(TokenDigest.of(one[0])).isNotEqualTo(TokenDigest.of(other[0]));
    }

    /** Other tokens keep the digest they always had: the first 64 bits of SHA-256 of the token as sent. */
    @Test
    void ofWhenNotAnEcdsaTokenThenSha256OfTheTokenAsSent() throws Exception {
        String header = b64("{\"alg\":\"EdDSA\"}");
        String sixtyFourByteSignature = "A".repeat(85) + "Q"; // as long as an ES256 signature
        for (String token : new String[] {header + ".e30." + sixtyFourByteSignature, "not a token", "", "a.b.c",
                b64("{\"alg\":\"ES256\"}") + ".e30.***"}) {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            assertThat(TokenDigest.of(token)).isEqualTo(HexFormat.of().formatHex(hash).substring(0, 16));
        }
    }
}
