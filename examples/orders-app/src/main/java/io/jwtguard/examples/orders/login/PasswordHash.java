package io.jwtguard.examples.orders.login;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2 password hashes with the JDK's {@code PBKDF2WithHmacSHA256}, stored as
 * {@code pbkdf2-sha256:<iterations>:<salt, base64>:<hash, base64>}: 16 random salt bytes, a 32-byte
 * derived key, {@value #DEFAULT_ITERATIONS} iterations by default (OWASP's figure for
 * PBKDF2-HMAC-SHA256). The iteration count travels in the value, so it can be raised later.
 *
 * <p>Make a hash (the password is read from the console, or from standard input, never from the
 * command line):
 *
 * <pre>
 * java -cp examples/orders-app/target/classes io.jwtguard.examples.orders.login.PasswordHash
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PasswordHash {
    /** Iterations of newly made hashes. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;
    private static final int MIN_ITERATIONS = 100_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /**
     * Parses a stored hash.
     *
     * @param stored the stored form, may be null
     * @return the hash, empty when {@code stored} is not a well-formed hash of this scheme with
     *     {@value #MIN_ITERATIONS} to {@value #MAX_ITERATIONS} iterations
     */
    public static Optional<PasswordHash> parse(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        String[] parts = stored.trim().split(":");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            return Optional.empty();
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS || salt.length < SALT_BYTES
                    || hash.length != KEY_BITS / 8) {
                return Optional.empty();
            }
            return Optional.of(new PasswordHash(iterations, salt, hash));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Hashes a password with a new random salt.
     *
     * @param password the password, not null; the caller should clear it afterwards
     * @param iterations the PBKDF2 iteration count
     * @return the stored form
     */
    public static String create(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations);
        Base64.Encoder base64 = Base64.getEncoder();
        return PREFIX + ":" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
    }

    /**
     * @param password the presented password, not null
     * @return whether it matches, compared in constant time
     */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    /**
     * Prints the hash of a password read from the console (not echoed) or, without a console,
     * the first line of standard input. An optional argument sets the iteration count.
     */
    public static void main(String[] args) throws IOException {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ITERATIONS;
        char[] password;
        Console console = System.console();
        if (console != null) {
            password = console.readPassword("Password: ");
        } else {
            byte[] line = System.in.readAllBytes();
            String text = new String(line, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            password = text.toCharArray();
        }
        if (password == null || password.length == 0) {
            System.err.println("No password given");
            System.exit(2);
        }
        System.out.println(create(password, iterations));
        Arrays.fill(password, '\0');
    }
}
