package io.jwtguard.tck.hostile;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends every {@link HostileCases} token to a protected resource of any MicroProfile JWT runtime
 * over HTTP and reports, per attack class, how many tokens were sent, rejected and accepted, and
 * whether each answer had the expected status and {@code error} code.
 *
 * <pre>
 * java -cp ... io.jwtguard.tck.hostile.HostileSuiteRunner --generate-keys DIR
 *     writes DIR/private.jwks.json, DIR/public.jwks.json and DIR/hmac.secret (base64url) for the target's config
 * java -cp ... io.jwtguard.tck.hostile.HostileSuiteRunner --url URL --issuer ISS --audience AUD
 *     --keys DIR/private.jwks.json [--hmac-secret-file DIR/hmac.secret] [--group user] [--max-size 8192]
 *     [--algorithms RS256,ES256,...] [--dpop-max-proof-size 2048]
 * </pre>
 * With {@code --dpop-max-proof-size} (the target's {@code jwtguard.dpop.proof.max-size}) the DPoP cases
 * ({@link DPoPCases}) run too, after the others: the target must have DPoP enabled and RFC 9457 problem
 * bodies ({@code jwtguard.error-body=problem}), whose reason codes they check.
 * Exit code 0 when every case got its expected answer, 1 otherwise, 2 on usage errors. Tokens,
 * secrets and private keys are never printed.
 */
public final class HostileSuiteRunner {
    private static final Pattern ERROR = Pattern.compile("error=\"([^\"]*)\"");
    private static final Pattern REASON = Pattern.compile("\"reason\"\\s*:\\s*\"([A-Z0-9_]*)\"");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;

    /** @param target the URL of a resource that a legitimate token may call with GET */
    public HostileSuiteRunner(URI target) {
        this.target = target;
    }

    /** @return the URL the cases are sent to */
    public URI target() {
        return target;
    }

    /** The answer to one case. */
    public static final class Outcome {
        private final HostileCase testCase;
        private final int status;
        private final String error;
        private final String reason;

        Outcome(HostileCase testCase, int status, String error) {
            this(testCase, status, error, null);
        }

        Outcome(HostileCase testCase, int status, String error, String reason) {
            this.testCase = testCase;
            this.status = status;
            this.error = error;
            this.reason = reason;
        }

        public HostileCase testCase() {
            return testCase;
        }

        public int status() {
            return status;
        }

        /** @return the {@code error} of {@code WWW-Authenticate}, or null */
        public String error() {
            return error;
        }

        public boolean accepted() {
            return status >= 200 && status < 300;
        }

        /** @return the {@code reason} of the problem body, or null */
        public String reason() {
            return reason;
        }

        /** @return whether status, error and (when the case names one) reason code are the expected ones */
        public boolean asExpected() {
            return status == testCase.expectedStatus()
                    && (testCase.expectedError() == null || testCase.expectedError().equals(error))
                    && (testCase.expectedReason() == null || testCase.expectedReason().equals(reason));
        }

        @Override
        public String toString() {
            return testCase + ": got " + status + (error == null ? "" : " " + error)
                    + (reason == null ? "" : " " + reason);
        }
    }

    /** @return the outcome of every case, in order */
    public List<Outcome> run(List<HostileCase> cases) {
        List<Outcome> outcomes = new ArrayList<>();
        for (HostileCase c : cases) {
            outcomes.add(send(c));
        }
        return outcomes;
    }

    private Outcome send(HostileCase c) {
        Outcome outcome = null;
        for (int i = 0; i < c.sends(); i++) {
            outcome = sendOnce(c);
            if (i < c.sends() - 1 && !outcome.accepted()) {
                // a replay case: its first request must pass, or the second proves nothing
                return new Outcome(c, outcome.status(), "first request refused", outcome.reason());
            }
        }
        return outcome;
    }

    private Outcome sendOnce(HostileCase c) {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(20))
                    .header("Authorization", c.scheme() + " " + c.token());
            for (String proof : c.proofs()) {
                builder.header("DPoP", proof);
            }
            request = builder.GET().build();
        } catch (IllegalArgumentException e) {
            return new Outcome(c, -1, "unsendable"); // the client refuses the header: counts as not accepted
        }
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String error = response.headers().firstValue("WWW-Authenticate").map(ERROR::matcher)
                    .filter(Matcher::find).map(m -> m.group(1)).orElse(null);
            Matcher reason = REASON.matcher(response.body() == null ? "" : response.body());
            return new Outcome(c, response.statusCode(), error, reason.find() ? reason.group(1) : null);
        } catch (IOException e) {
            return new Outcome(c, -1, "io: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Prints the table (class, tokens, rejected, accepted, as expected) and the unexpected answers. */
    public static void print(List<Outcome> outcomes, PrintStream out) {
        Map<String, int[]> rows = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            int[] row = rows.computeIfAbsent(o.testCase().attackClass(), k -> new int[4]);
            row[0]++;
            row[o.accepted() ? 2 : 1]++;
            row[3] += o.asExpected() ? 1 : 0;
        }
        out.printf("%-20s %7s %9s %9s %12s%n", "class", "tokens", "rejected", "accepted", "as expected");
        int[] total = new int[4];
        rows.forEach((name, row) -> {
            out.printf("%-20s %7d %9d %9d %12d%n", name, row[0], row[1], row[2], row[3]);
            for (int i = 0; i < 4; i++) {
                total[i] += row[i];
            }
        });
        out.printf("%-20s %7d %9d %9d %12d%n", "TOTAL", total[0], total[1], total[2], total[3]);
        outcomes.stream().filter(o -> !o.asExpected()).forEach(o -> out.println("UNEXPECTED " + o));
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (options.containsKey("--generate-keys")) {
            Path dir = Path.of(options.get("--generate-keys"));
            Files.createDirectories(dir);
            SigningKeys keys = SigningKeys.generate();
            writePrivate(dir.resolve("private.jwks.json"), keys.privateJwks());
            Files.writeString(dir.resolve("public.jwks.json"), keys.publicJwks());
            writePrivate(dir.resolve("hmac.secret"),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(keys.hmacSecret().orElseThrow()));
            System.out.println("wrote private.jwks.json, public.jwks.json and hmac.secret to " + dir
                    + "; configure the target with mp.jwt.verify.publickey (public.jwks.json) and the secret");
            return;
        }
        for (String required : new String[] {"--url", "--issuer", "--audience", "--keys"}) {
            if (!options.containsKey(required)) {
                System.err.println("missing " + required + "; see the class Javadoc or tck-tests/README.md");
                System.exit(2);
            }
        }
        byte[] secret = Optional.ofNullable(options.get("--hmac-secret-file"))
                .map(f -> readSecret(Path.of(f))).orElse(null);
        SigningKeys keys = SigningKeys.fromPrivateJwks(Files.readString(Path.of(options.get("--keys"))), secret);
        HostileCases catalogue = new HostileCases(keys, options.get("--issuer"), options.get("--audience"),
                options.getOrDefault("--group", "user"), Integer.parseInt(options.getOrDefault("--max-size", "8192")),
                Clock.systemUTC());
        List<HostileCase> cases = catalogue.all();
        if (options.containsKey("--algorithms")) {
            List<String> algs = List.of(options.get("--algorithms").split(","));
            cases.removeIf(c -> c.legitimate() && !algs.contains(c.name()));
        }
        HostileSuiteRunner runner = new HostileSuiteRunner(URI.create(options.get("--url")));
        List<Outcome> outcomes = new ArrayList<>(runner.run(cases));
        if (options.containsKey("--dpop-max-proof-size")) {
            // built now, so that their proofs are fresh when sent
            outcomes.addAll(runner.run(new DPoPCases(new HostileCases(keys, options.get("--issuer"),
                    options.get("--audience"), options.getOrDefault("--group", "user"), 8192, Clock.systemUTC()),
                    URI.create(options.get("--url")), Integer.parseInt(options.get("--dpop-max-proof-size"))).all()));
        }
        print(outcomes, System.out);
        System.exit(outcomes.stream().allMatch(Outcome::asExpected) ? 0 : 1);
    }

    /** Writes a file readable by its owner only (where the file system has POSIX permissions). */
    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, content);
    }

    private static byte[] readSecret(Path file) {
        try {
            return Base64.getUrlDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file, e);
        }
    }
}
