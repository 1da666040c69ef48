package io.jwtguard.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.core.jose.Base64Url;
import io.jwtguard.core.jose.CryptoProviders;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.jose.KeyFamily;
import io.jwtguard.core.jose.SignatureEngines;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.testing.TestConfigs;
import io.jwtguard.core.testing.TestKeys;
import io.jwtguard.core.testing.TokenFactory;
import java.math.BigInteger;
import java.security.Key;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Same decisions, whatever the provider: tokens of every algorithm, with malleated and randomly
 * mutated signatures, go through two verifiers that differ only in their signature provider (the
 * JDK's, and Amazon Corretto Crypto Provider, a test dependency of core). Each must be accepted
 * by both or refused by both for the same reason. The hostile-token suite runs a second time
 * with the native provider (core's pom, execution {@code native-crypto-hostile}).
 */
class NativeDifferentialTest {
    private static final long SEED = 18;
    private static final int MUTATIONS = 10_000;
    private static final BigInteger ED25519_ORDER = BigInteger.TWO.pow(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));

    private static TokenVerifier jdk;
    private static TokenVerifier accp;
    private static final Map<JwsAlgorithm, String> VALID = new EnumMap<>(JwsAlgorithm.class);

    @BeforeAll
    static void verifiers() {
        SignatureEngines nativeEngines = CryptoProviders.select(Optional.of("AmazonCorrettoCryptoProvider"));
        assertThat(nativeEngines.nativeAlgorithms()).containsExactlyInAnyOrder(JwsAlgorithm.values());
        jdk = TokenVerifier.create(config(SignatureEngines.jdk()));
        accp = TokenVerifier.create(config(nativeEngines));
        for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
            VALID.put(algorithm, TokenFactory.sign(header(algorithm), TokenFactory.claims(TestConfigs.NOW.getEpochSecond()
                    - 10), algorithm.joseName(), signingKey(algorithm)));
        }
    }

    private static VerifierConfig config(SignatureEngines engines) {
        return VerifierConfig.builder()
                .signatureEngines(engines)
                .verificationKeys(
                        VerificationKey.ofPublicKey("rsa", TestKeys.RSA_2048.getPublic()),
                        VerificationKey.ofPublicKey("p256", TestKeys.EC_P256.getPublic()),
                        VerificationKey.ofPublicKey("p384", TestKeys.EC_P384.getPublic()),
                        VerificationKey.ofPublicKey("p521", TestKeys.EC_P521.getPublic()),
                        VerificationKey.ofPublicKey("ed", TestKeys.ED25519.getPublic()),
                        VerificationKey.ofSecret("hmac", TestKeys.SECRET_64, false))
                .allowedAlgorithms(EnumSet.allOf(JwsAlgorithm.class))
                .issuer(TokenFactory.ISSUER)
                .audiences(java.util.Set.of(TokenFactory.AUDIENCE))
                .verifiedTokenCache(false, 0) // every token reaches the signature step
                .clock(TestConfigs.CLOCK)
                .build();
    }

    @Test
    void verifyWhenValidOfEveryAlgorithmThenBothAccept() {
        for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
            assertThat(decisions(VALID.get(algorithm))).as(algorithm.name()).containsExactly("accepted", "accepted");
        }
    }

    @Test
    void verifyWhenEcdsaMalleatedThenSameDecisions() {
        for (JwsAlgorithm algorithm : EnumSet.of(JwsAlgorithm.ES256, JwsAlgorithm.ES384, JwsAlgorithm.ES512)) {
            byte[] rs = signature(VALID.get(algorithm));
            int width = algorithm.sizeBytes();
            BigInteger n = ((ECPublicKey) publicKey(algorithm)).getParams().getOrder();
            BigInteger r = new BigInteger(1, rs, 0, width);
            BigInteger s = new BigInteger(1, rs, width, width);
            // (r, n - s) is the other valid spelling: accepted by both (EcdsaSignatures)
            assertThat(decisions(withSignature(algorithm, p1363(r, n.subtract(s), width))))
                    .as(algorithm + " (r, n - s)").containsExactly("accepted", "accepted");
            for (byte[] forged : List.of(p1363(BigInteger.ZERO, BigInteger.ZERO, width), p1363(r, BigInteger.ZERO, width),
                    p1363(BigInteger.ZERO, s, width), p1363(n, s, width), p1363(r, n, width), p1363(r, s.add(n), width),
                    p1363(r.add(n), s, width), p1363(n.subtract(BigInteger.ONE), n.subtract(BigInteger.ONE), width),
                    Arrays.copyOf(rs, rs.length + 1), Arrays.copyOf(rs, rs.length - 1), der(r, s))) {
                assertThat(decisions(withSignature(algorithm, forged))).as(algorithm + " forged")
                        .containsExactly("INVALID_SIGNATURE", "INVALID_SIGNATURE");
            }
        }
    }

    @Test
    void verifyWhenRsaMalleatedThenSameDecisions() {
        for (JwsAlgorithm algorithm : EnumSet.of(JwsAlgorithm.RS256, JwsAlgorithm.PS256, JwsAlgorithm.RS512)) {
            byte[] sig = signature(VALID.get(algorithm));
            BigInteger modulus = ((RSAPublicKey) publicKey(algorithm)).getModulus();
            BigInteger value = new BigInteger(1, sig);
            byte[] leadingZero = new byte[sig.length + 1];
            System.arraycopy(sig, 0, leadingZero, 1, sig.length);
            for (byte[] forged : List.of(leadingZero, Arrays.copyOf(sig, sig.length - 1), fixed(value.add(modulus), 256),
                    fixed(BigInteger.ZERO, 256), fixed(BigInteger.ONE, 256), fixed(modulus, 256),
                    fixed(modulus.subtract(BigInteger.ONE), 256), fixed(modulus.subtract(value), 256))) {
                assertThat(decisions(withSignature(algorithm, forged))).as(algorithm + " forged")
                        .containsExactly("INVALID_SIGNATURE", "INVALID_SIGNATURE");
            }
        }
    }

    @Test
    void verifyWhenEd25519SNotCanonicalThenBothRefuse() {
        byte[] sig = signature(VALID.get(JwsAlgorithm.EdDSA));
        byte[] le = Arrays.copyOfRange(sig, 32, 64);
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = le[31 - i];
        }
        byte[] sPlusL = new BigInteger(1, be).add(ED25519_ORDER).toByteArray(); // < 2^256: fits
        byte[] forged = sig.clone();
        Arrays.fill(forged, 32, 64, (byte) 0);
        for (int i = 0; i < Math.min(32, sPlusL.length); i++) {
            forged[32 + i] = sPlusL[sPlusL.length - 1 - i];
        }

        assertThat(decisions(withSignature(JwsAlgorithm.EdDSA, forged)))
                .containsExactly("INVALID_SIGNATURE", "INVALID_SIGNATURE");
    }

    @Test
    void verifyWhenTenThousandMutatedSignaturesThenSameDecisionsAndReasons() {
        Random random = new Random(SEED);
        JwsAlgorithm[] algorithms = JwsAlgorithm.values();
        Map<String, Integer> tally = new TreeMap<>();
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < MUTATIONS; i++) {
            JwsAlgorithm algorithm = algorithms[i % algorithms.length];
            String token = mutate(VALID.get(algorithm), algorithm, random);
            List<String> both = decisions(token);
            tally.merge(both.get(0), 1, Integer::sum);
            if (!both.get(0).equals(both.get(1))) {
                differences.add(algorithm + " #" + i + ": JDK " + both.get(0) + ", native " + both.get(1));
            }
        }

        assertThat(differences).as("decisions that differ").isEmpty();
        // the corpus reaches the signature step and holds both outcomes: the test can fail
        assertThat(tally).containsKeys("accepted", "INVALID_SIGNATURE");
        assertThat(tally.get("INVALID_SIGNATURE")).isGreaterThan(MUTATIONS / 2);
    }

    /** One random change to the signature (or, rarely, the payload) of a valid token. */
    private static String mutate(String valid, JwsAlgorithm algorithm, Random random) {
        byte[] sig = signature(valid);
        switch (random.nextInt(9)) {
            case 0 -> sig[random.nextInt(sig.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> sig[random.nextInt(sig.length)] = (byte) random.nextInt(256);
            case 2 -> sig = Arrays.copyOf(sig, sig.length - 1 - random.nextInt(Math.min(3, sig.length - 1)));
            case 3 -> sig = Arrays.copyOf(sig, sig.length + 1 + random.nextInt(3));
            case 4 -> random.nextBytes(sig);
            case 5 -> {
                int a = random.nextInt(sig.length);
                int b = random.nextInt(sig.length);
                byte t = sig[a];
                sig[a] = sig[b];
                sig[b] = t; // often the same byte: stays valid
            }
            case 6 -> {
                if (algorithm.keyFamily() == KeyFamily.EC) {
                    int width = algorithm.sizeBytes();
                    BigInteger n = ((ECPublicKey) publicKey(algorithm)).getParams().getOrder();
                    sig = p1363(new BigInteger(1, sig, 0, width), n.subtract(new BigInteger(1, sig, width, width)),
                            width); // the twin: valid
                }
            }
            case 7 -> {
                String[] parts = valid.split("\\.");
                char[] payload = parts[1].toCharArray();
                int at = random.nextInt(payload.length);
                payload[at] = payload[at] == 'A' ? 'B' : 'A';
                return parts[0] + "." + new String(payload) + "." + parts[2];
            }
            default -> {
                // unchanged: a control that both must accept
            }
        }
        return valid.substring(0, valid.lastIndexOf('.') + 1) + Base64Url.encode(sig);
    }

    /** @return the decisions of the JDK verifier and of the native one: "accepted" or the reason */
    private static List<String> decisions(String token) {
        return List.of(decision(jdk, token), decision(accp, token));
    }

    private static String decision(TokenVerifier verifier, String token) {
        try {
            verifier.verify(token);
            return "accepted";
        } catch (TokenRejectedException e) {
            return e.reason().name();
        } catch (RuntimeException e) {
            return e.getClass().getName();
        }
    }

    private static String header(JwsAlgorithm algorithm) {
        return "{\"alg\":\"" + algorithm.joseName() + "\",\"kid\":\"" + kid(algorithm) + "\",\"typ\":\"JWT\"}";
    }

    private static String kid(JwsAlgorithm algorithm) {
        return switch (algorithm) {
            case ES256 -> "p256";
            case ES384 -> "p384";
            case ES512 -> "p521";
            case EdDSA -> "ed";
            case HS256, HS384, HS512 -> "hmac";
            default -> "rsa";
        };
    }

    private static KeyPair pair(JwsAlgorithm algorithm) {
        return switch (algorithm) {
            case ES256 -> TestKeys.EC_P256;
            case ES384 -> TestKeys.EC_P384;
            case ES512 -> TestKeys.EC_P521;
            case EdDSA -> TestKeys.ED25519;
            default -> TestKeys.RSA_2048;
        };
    }

    private static Key signingKey(JwsAlgorithm algorithm) {
        return algorithm.keyFamily() == KeyFamily.SECRET ? new SecretKeySpec(TestKeys.SECRET_64, "HmacSHA512")
                : pair(algorithm).getPrivate();
    }

    private static java.security.PublicKey publicKey(JwsAlgorithm algorithm) {
        return pair(algorithm).getPublic();
    }

    private static byte[] signature(String token) {
        return Base64Url.decode(token.substring(token.lastIndexOf('.') + 1));
    }

    private static String withSignature(JwsAlgorithm algorithm, byte[] signature) {
        String valid = VALID.get(algorithm);
        return valid.substring(0, valid.lastIndexOf('.') + 1) + Base64Url.encode(signature);
    }

    /** R || S, each left-padded (or cut to its low bytes) to {@code width}. */
    private static byte[] p1363(BigInteger r, BigInteger s, int width) {
        byte[] out = new byte[2 * width];
        System.arraycopy(fixed(r, width), 0, out, 0, width);
        System.arraycopy(fixed(s, width), 0, out, width, width);
        return out;
    }

    private static byte[] fixed(BigInteger value, int width) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[width];
        int copy = Math.min(raw.length, width);
        System.arraycopy(raw, raw.length - copy, out, width - copy, copy);
        return out;
    }

    /** The DER form (SEQUENCE of two INTEGERs), which JOSE does not allow. */
    private static byte[] der(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int body = 2 + rb.length + 2 + sb.length;
        out.write(0x30);
        if (body > 127) {
            out.write(0x81);
        }
        out.write(body);
        out.write(2);
        out.write(rb.length);
        out.writeBytes(rb);
        out.write(2);
        out.write(sb.length);
        out.writeBytes(sb);
        return out.toByteArray();
    }
}
