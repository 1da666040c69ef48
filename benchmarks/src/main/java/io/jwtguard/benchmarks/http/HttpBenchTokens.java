package io.jwtguard.benchmarks.http;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Properties;
import java.util.stream.IntStream;

/**
 * Writes the key and tokens of the HTTP benchmark ({@code benchmarks/http/run-http-bench.sh}): a key
 * pair (only the public key is kept, as PEM) and access tokens that both servers under test accept,
 * either RS256 with an RSA-2048 key (the default) or ES256 with a P-256 key (the orders example's own
 * signing algorithm, {@code jwtguard.issue.algorithm=ES256}); the claims are the same: {@code iss urn:jwtguard:example:orders}, {@code aud orders-api}, {@code sub} and
 * {@code upn bench-user}, {@code groups ["user"]}, {@code exp = iat + lifetime}, a distinct
 * {@code jti} per token.
 *
 * <p>Files in the output folder, one token per line, every line of a file the same length (the wrk
 * script seeks to a token by its index):
 * <ul>
 *   <li>{@code public-key.pem}: the verification key;</li>
 *   <li>{@code tokens-one.txt}: 1 token (scenario B, one token repeated);</li>
 *   <li>{@code tokens-cycle.txt}: the distinct tokens of scenario C (default 2,000);</li>
 *   <li>{@code tokens-never-seen.txt}: the never-repeating stream;</li>
 *   <li>{@code tokens.properties}: when the set expires and how many tokens each file holds.</li>
 * </ul>
 * The three files have disjoint {@code jti}s, so no token of one scenario was seen in another.
 *
 * <p>Signing takes about 1 ms per token and core with RS256 (far less with ES256), so an existing set
 * is reused when it has the same algorithm, enough never-seen tokens, the same cycle size and at
 * least {@code --min-valid} of life left; a new set gets a new key. Prints counts and times only,
 * never a token.
 *
 * <p>Usage: {@code HttpBenchTokens --dir DIR --never-seen N [--alg RS256|ES256] [--cycle 2000]
 * [--lifetime PT1H] [--min-valid PT20M]}.
 */
public final class HttpBenchTokens {
    static final String ISSUER = "urn:jwtguard:example:orders";
    static final String AUDIENCE = "orders-api";
    static final String USER = "bench-user";
    static final String ROLE = "user";
    static final String PUBLIC_KEY = "public-key.pem";
    static final String ONE = "tokens-one.txt";
    static final String CYCLE = "tokens-cycle.txt";
    static final String NEVER_SEEN = "tokens-never-seen.txt";
    static final String MANIFEST = "tokens.properties";

    static final String USAGE = "usage: HttpBenchTokens --dir DIR --never-seen N [--alg RS256|ES256] [--cycle 2000]"
            + " [--lifetime PT1H] [--min-valid PT20M]";
    // tokens are signed and written in chunks, so memory stays small however many are asked for
    private static final int CHUNK = 8_192;

    /** The two algorithms of the benchmark: key type and size, and the JCA signature that makes JWS bytes. */
    enum Algorithm {
        RS256("RSA", 2048, "SHA256withRSA"),
        // P1363: R||S of 32 bytes each, the JWS form (RFC 7518 section 3.4), not the DER of SHA256withECDSA
        ES256("EC", 256, "SHA256withECDSAinP1363Format");

        final String keyType;
        final int keySize;
        final String signature;
        // one JSON header for all tokens of the algorithm
        final String header;

        Algorithm(String keyType, int keySize, String signature) {
            this.keyType = keyType;
            this.keySize = keySize;
            this.signature = signature;
            this.header = base64Url(("{\"alg\":\"" + name() + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private final Path dir;
    private final Algorithm algorithm;
    private final int neverSeen;
    private final int cycle;
    private final Duration lifetime;
    private final Duration minValid;

    HttpBenchTokens(Path dir, Algorithm algorithm, int neverSeen, int cycle, Duration lifetime, Duration minValid) {
        this.dir = dir;
        this.algorithm = algorithm;
        this.neverSeen = neverSeen;
        this.cycle = cycle;
        this.lifetime = lifetime;
        this.minValid = minValid;
    }

    public static void main(String[] args) throws Exception {
        Path dir = null;
        Algorithm algorithm = Algorithm.RS256;
        int neverSeen = -1;
        int cycle = 2_000;
        Duration lifetime = Duration.ofHours(1);
        Duration minValid = Duration.ofMinutes(20);
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                usage("missing value after " + args[i]);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--dir" -> dir = Path.of(value);
                case "--alg" -> algorithm = algorithm(value);
                case "--never-seen" -> neverSeen = Integer.parseInt(value);
                case "--cycle" -> cycle = Integer.parseInt(value);
                case "--lifetime" -> lifetime = Duration.parse(value);
                case "--min-valid" -> minValid = Duration.parse(value);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (dir == null || neverSeen < 1 || cycle < 1 || minValid.compareTo(lifetime) >= 0) {
            usage("--dir and --never-seen are required; --min-valid must be shorter than --lifetime");
        }
        new HttpBenchTokens(dir, algorithm, neverSeen, cycle, lifetime, minValid).run();
    }

    private static Algorithm algorithm(String value) {
        for (Algorithm candidate : Algorithm.values()) {
            if (candidate.name().equals(value)) {
                return candidate;
            }
        }
        usage("--alg must be RS256 or ES256, not " + value);
        throw new AssertionError("unreachable");
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println(USAGE);
        System.exit(2);
    }

    void run() throws IOException, GeneralSecurityException {
        Instant now = Instant.now();
        Properties existing = readManifest();
        String reason = reusable(existing, now);
        if (reason == null) {
            System.out.println("Tokens: reusing the " + algorithm + " set generated at " + existing.getProperty("generated-at")
                    + " (" + existing.getProperty("never-seen") + " never-seen, " + cycle + " cycled, valid until "
                    + Instant.ofEpochSecond(Long.parseLong(existing.getProperty("exp"))) + ")");
            return;
        }
        System.out.println("Tokens: generating a new " + algorithm + " key and set (" + reason + ")");
        Files.createDirectories(dir);
        // the manifest goes first, so an interrupted run is never mistaken for a complete set
        Files.deleteIfExists(dir.resolve(MANIFEST));

        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyType);
        generator.initialize(algorithm.keySize);
        KeyPair key = generator.generateKeyPair();
        writeAtomically(dir.resolve(PUBLIC_KEY), pem(key).getBytes(StandardCharsets.US_ASCII));

        long iat = now.getEpochSecond();
        long exp = iat + lifetime.toSeconds();
        long started = System.nanoTime();
        int length = write(dir.resolve(ONE), "b", 1, algorithm, key.getPrivate(), iat, exp);
        check(length, write(dir.resolve(CYCLE), "c", cycle, algorithm, key.getPrivate(), iat, exp));
        check(length, write(dir.resolve(NEVER_SEEN), "n", neverSeen, algorithm, key.getPrivate(), iat, exp));
        double seconds = (System.nanoTime() - started) / 1e9;

        Properties manifest = new Properties();
        manifest.setProperty("generated-at", now.toString());
        manifest.setProperty("alg", algorithm.name());
        manifest.setProperty("iat", Long.toString(iat));
        manifest.setProperty("exp", Long.toString(exp));
        manifest.setProperty("cycle", Integer.toString(cycle));
        manifest.setProperty("never-seen", Integer.toString(neverSeen));
        manifest.setProperty("token-length", Integer.toString(length));
        Path manifestFile = dir.resolve(MANIFEST);
        try (OutputStream out = Files.newOutputStream(manifestFile)) {
            manifest.store(out, "HTTP benchmark tokens (benchmarks/http/run-http-bench.sh)");
        }
        int total = 1 + cycle + neverSeen;
        System.out.printf("Tokens: signed %,d %s tokens of %d characters in %.1f s on %d cores (%,.0f per second, %s), "
                + "valid until %s%n", total, algorithm, length, seconds, Runtime.getRuntime().availableProcessors(),
                total / seconds, signer(algorithm, key.getPrivate()).getProvider().getName(), Instant.ofEpochSecond(exp));
    }

    /** @return null when the existing set serves this run, else why it does not */
    private String reusable(Properties manifest, Instant now) {
        if (manifest == null) {
            return "none yet";
        }
        for (String file : new String[] {PUBLIC_KEY, ONE, CYCLE, NEVER_SEEN}) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                return file + " is missing";
            }
        }
        if (!algorithm.name().equals(manifest.getProperty("alg", Algorithm.RS256.name()))) {
            return "the existing set is " + manifest.getProperty("alg") + ", not " + algorithm;
        }
        long exp = Long.parseLong(manifest.getProperty("exp", "0"));
        if (exp - now.getEpochSecond() < minValid.toSeconds()) {
            return "the existing set expires at " + Instant.ofEpochSecond(exp) + ", less than " + minValid + " from now";
        }
        if (Integer.parseInt(manifest.getProperty("cycle", "0")) != cycle) {
            return "the existing set cycles " + manifest.getProperty("cycle") + " tokens, not " + cycle;
        }
        if (Integer.parseInt(manifest.getProperty("never-seen", "0")) < neverSeen) {
            return "the existing set has " + manifest.getProperty("never-seen") + " never-seen tokens, fewer than "
                    + neverSeen;
        }
        return null;
    }

    private Properties readManifest() throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties manifest = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            manifest.load(in);
        }
        return manifest;
    }

    /**
     * Signs {@code count} tokens whose {@code jti} is {@code prefix} plus a zero-padded index, in
     * parallel, and writes them in index order.
     *
     * @return the length of every token
     */
    private static int write(Path file, String prefix, int count, Algorithm algorithm, PrivateKey key, long iat,
            long exp)
            throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        ThreadLocal<Signature> signers = ThreadLocal.withInitial(() -> signer(algorithm, key));
        int length = -1;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            for (int start = 0; start < count; start += CHUNK) {
                String[] chunk = IntStream.range(start, Math.min(count, start + CHUNK)).parallel()
                        .mapToObj(i -> token(algorithm, signers.get(), prefix, i, iat, exp)).toArray(String[]::new);
                for (String token : chunk) {
                    if (length < 0) {
                        length = token.length();
                    }
                    check(length, token.length());
                    out.write(token.getBytes(StandardCharsets.US_ASCII));
                    out.write('\n');
                }
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return length;
    }

    private static String token(Algorithm algorithm, Signature signer, String prefix, int index, long iat, long exp) {
        String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + USER
                + "\",\"upn\":\"" + USER + "\",\"groups\":[\"" + ROLE + "\"],\"iat\":" + iat + ",\"exp\":" + exp
                + ",\"jti\":\"" + prefix + String.format("%010d", index) + "\"}";
        String signingInput = algorithm.header + "." + base64Url(claims.getBytes(StandardCharsets.US_ASCII));
        try {
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Signature signer(Algorithm algorithm, PrivateKey key) {
        Provider fast = nativeProvider();
        if (fast != null) {
            try {
                Signature signature = Signature.getInstance(algorithm.signature, fast);
                signature.initSign(key);
                return signature;
            } catch (GeneralSecurityException e) {
                // not offered by the native provider: the JDK's below
            }
        }
        try {
            Signature signature = Signature.getInstance(algorithm.signature);
            signature.initSign(key);
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Amazon Corretto Crypto Provider when its native library loads here (used as an instance, never
     * installed), else null: it only makes signing the token files faster (the JDK 17's ECDSA signs
     * well under 1,000 tokens per second and core); the tokens are the same either way.
     */
    static Provider nativeProvider() {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            return accp.getLoadingError() == null ? accp : null;
        } catch (LinkageError e) {
            return null;
        }
    }

    // the wrk script finds token i at byte i * (length + 1): every token must be as long as the first
    private static void check(int expected, int actual) {
        if (expected != actual) {
            throw new IllegalStateException("token length " + actual + " differs from " + expected);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(KeyPair key) {
        Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        return "-----BEGIN PUBLIC KEY-----\n" + mime.encodeToString(key.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static void writeAtomically(Path file, byte[] content) {
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.write(partial, content);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
