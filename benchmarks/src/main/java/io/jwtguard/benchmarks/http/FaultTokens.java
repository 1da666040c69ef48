package io.jwtguard.benchmarks.http;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes the keys and tokens of the fault benchmark ({@code benchmarks/reliability/run-faults.sh}): an
 * outside issuer with two ES256 (P-256) keys, its JWK Sets before, during and after a rotation, its
 * valid tokens per key, tokens that a correct server must refuse, and the flood of scenario 4.
 *
 * <p>Files in the output folder, one token per line (lines of different lengths):
 * <ul>
 *   <li>{@code jwks-1.json}, {@code jwks-12.json}, {@code jwks-2.json}: the public keys {@code idp-1},
 *       {@code idp-1} and {@code idp-2}, {@code idp-2} (what the key server serves);</li>
 *   <li>{@code idp-1.txt}, {@code idp-2.txt}: valid tokens of the outside issuer signed with each key
 *       ({@code iss} {@value #IDP_ISSUER}, {@code aud} {@value #AUDIENCE}, {@code groups ["user"]});</li>
 *   <li>{@code bad.txt}: tokens every correct server refuses with 401: a tampered signature, expired, a
 *       wrong audience, an unknown issuer, and the app's own issuer signed with a foreign key;</li>
 *   <li>{@code flood.txt}: random {@code kid}s (each used once) of both issuers, tokens over
 *       {@code jwtguard.token.max-size} and malformed tokens (wrong segment counts, bad base64url,
 *       headers that are not JSON).</li>
 * </ul>
 * The private keys live only in this process. Prints counts only, never a token.
 *
 * <p>Usage: {@code FaultTokens --dir DIR [--valid 300] [--bad 60] [--flood 4000] [--lifetime PT50M]}.
 */
public final class FaultTokens {
    static final String IDP_ISSUER = "https://idp.faults.test";
    static final String OWN_ISSUER = HttpBenchTokens.ISSUER;
    static final String AUDIENCE = HttpBenchTokens.AUDIENCE;
    static final String USAGE = "usage: FaultTokens --dir DIR [--valid 300] [--bad 60] [--flood 4000] [--lifetime PT50M]";
    // over the default jwtguard.token.max-size (8192 characters), under Liberty's header limit
    private static final int OVERSIZED = 12_000;

    private final SecureRandom random = new SecureRandom();
    private final long iat;
    private final long exp;

    private FaultTokens(Instant now, Duration lifetime) {
        this.iat = now.getEpochSecond();
        this.exp = iat + lifetime.toSeconds();
    }

    public static void main(String[] args) throws Exception {
        Path dir = null;
        int valid = 300;
        int bad = 60;
        int flood = 4_000;
        Duration lifetime = Duration.ofMinutes(50);
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                usage("missing value after " + args[i]);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--dir" -> dir = Path.of(value);
                case "--valid" -> valid = Integer.parseInt(value);
                case "--bad" -> bad = Integer.parseInt(value);
                case "--flood" -> flood = Integer.parseInt(value);
                case "--lifetime" -> lifetime = Duration.parse(value);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (dir == null || valid < 1 || bad < 1 || flood < 1 || lifetime.compareTo(Duration.ofHours(1)) > 0) {
            usage("--dir is required; counts must be positive; --lifetime at most PT1H (JWT Guard's maximum)");
        }
        new FaultTokens(Instant.now(), lifetime).write(dir, valid, bad, flood);
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println(USAGE);
        System.exit(2);
    }

    private void write(Path dir, int valid, int bad, int flood) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        KeyPair one = ecKey();
        KeyPair two = ecKey();
        Files.writeString(dir.resolve("jwks-1.json"), jwks(jwk("idp-1", one)));
        Files.writeString(dir.resolve("jwks-12.json"), jwks(jwk("idp-1", one) + "," + jwk("idp-2", two)));
        Files.writeString(dir.resolve("jwks-2.json"), jwks(jwk("idp-2", two)));

        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < valid; i++) {
            first.add(sign("idp-1", one, claims(IDP_ISSUER, AUDIENCE, "v1-" + i, iat, exp)));
            second.add(sign("idp-2", two, claims(IDP_ISSUER, AUDIENCE, "v2-" + i, iat, exp)));
        }
        Files.write(dir.resolve("idp-1.txt"), first);
        Files.write(dir.resolve("idp-2.txt"), second);

        KeyPair foreign = ecKey();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < bad; i++) {
            String token = switch (i % 5) {
                case 0 -> tamper(sign("idp-1", one, claims(IDP_ISSUER, AUDIENCE, "t-" + i, iat, exp)));
                // expired an hour ago, far beyond any clock skew
                case 1 -> sign("idp-1", one, claims(IDP_ISSUER, AUDIENCE, "e-" + i, iat - 7_200, iat - 3_600));
                case 2 -> sign("idp-1", one, claims(IDP_ISSUER, "another-api", "a-" + i, iat, exp));
                case 3 -> sign("idp-1", one, claims("https://unknown.faults.test", AUDIENCE, "u-" + i, iat, exp));
                default -> sign("own-foreign", foreign, claims(OWN_ISSUER, AUDIENCE, "f-" + i, iat, exp));
            };
            refused.add(token);
        }
        Files.write(dir.resolve("bad.txt"), refused);

        List<String> noise = new ArrayList<>();
        for (int i = 0; i < flood; i++) {
            noise.add(switch (i % 4) {
                // a random kid of the outside issuer (a JWKS lookup) or of the app's own (its local keys);
                // the signature is random bytes: key selection fails before any signature check
                case 0 -> unsigned(randomKid(), claims(IDP_ISSUER, AUDIENCE, "r-" + i, iat, exp));
                case 1 -> unsigned(randomKid(), claims(OWN_ISSUER, AUDIENCE, "r-" + i, iat, exp));
                case 2 -> oversized(i);
                default -> malformed(i);
            });
        }
        Files.write(dir.resolve("flood.txt"), noise);
        System.out.printf("Fault tokens: %d valid per key of %s (keys idp-1, idp-2), %d refused, %d flood, valid until %s%n",
                valid, IDP_ISSUER, bad, flood, Instant.ofEpochSecond(exp));
    }

    private KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static String jwks(String keys) {
        return "{\"keys\":[" + keys + "]}\n";
    }

    private static String jwk(String kid, KeyPair key) {
        ECPublicKey pub = (ECPublicKey) key.getPublic();
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"" + kid + "\",\"use\":\"sig\",\"alg\":\"ES256\",\"x\":\""
                + base64Url(coordinate(pub.getW().getAffineX())) + "\",\"y\":\""
                + base64Url(coordinate(pub.getW().getAffineY())) + "\"}";
    }

    // an EC coordinate as exactly 32 big-endian bytes (RFC 7518 section 6.2.1.2)
    private static byte[] coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static String claims(String issuer, String audience, String jti, long iat, long exp) {
        return "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"fault-user\",\"upn\":\"fault-user\","
                + "\"groups\":[\"user\"],\"iat\":" + iat + ",\"exp\":" + exp + ",\"jti\":\"" + jti + "\"}";
    }

    private static String header(String kid) {
        return base64Url(("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.US_ASCII));
    }

    private static String sign(String kid, KeyPair key, String claims) throws GeneralSecurityException {
        String input = header(kid) + "." + base64Url(claims.getBytes(StandardCharsets.US_ASCII));
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(key.getPrivate());
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + base64Url(signer.sign());
    }

    private String unsigned(String kid, String claims) {
        byte[] signature = new byte[64];
        random.nextBytes(signature);
        return header(kid) + "." + base64Url(claims.getBytes(StandardCharsets.US_ASCII)) + "." + base64Url(signature);
    }

    // one character in the middle of the signature changed: the signature no longer verifies
    private static String tamper(String token) {
        int at = token.lastIndexOf('.') + 20;
        char replacement = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + replacement + token.substring(at + 1);
    }

    private String randomKid() {
        byte[] kid = new byte[12];
        random.nextBytes(kid);
        return base64Url(kid);
    }

    private String oversized(int i) {
        StringBuilder claims = new StringBuilder("{\"iss\":\"" + IDP_ISSUER + "\",\"pad\":\"");
        while (claims.length() < OVERSIZED) {
            claims.append(randomKid());
        }
        return unsigned("idp-1", claims.append("\",\"jti\":\"o-").append(i).append("\"}").toString());
    }

    private String malformed(int i) {
        String body = base64Url(claims(IDP_ISSUER, AUDIENCE, "m-" + i, iat, exp).getBytes(StandardCharsets.US_ASCII));
        return switch (i % 3) {
            case 0 -> header("idp-1") + "." + body; // two segments
            case 1 -> header("idp-1") + ".*!not~base64!*." + randomKid(); // outside the base64url alphabet
            default -> base64Url("{not json".getBytes(StandardCharsets.US_ASCII)) + "." + body + "." + randomKid();
        };
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
