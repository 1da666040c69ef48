package io.jwtguard.explainer;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.config.ConfigLoader;
import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.core.config.EnvironmentNames;
import io.jwtguard.core.config.LoadedConfiguration;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.KeySourceStatus;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.jose.Printable;
import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.core.verify.TokenRejectedException;
import io.jwtguard.core.verify.TokenVerifier;
import io.jwtguard.core.verify.VerifiedToken;
import io.jwtguard.core.verify.VerifierConfig;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * "Why was my token rejected?" on the command line, with no container: loads the application's
 * JWT Guard configuration (a properties file, environment variables with MicroProfile Config's
 * names, or both; environment first, as MicroProfile Config orders them), verifies one token with
 * exactly the verifier the application would build, and prints every step of the pipeline as
 * passed, FAILED (with expected vs actual) or not reached.
 *
 * <pre>
 * java -jar jwtguard-explainer.jar [--config app.properties] [--no-env] [token | -]
 * </pre>
 *
 * <p>The token comes from the argument, or from standard input when it is {@code -} or absent.
 * Exit status: 0 accepted, 1 rejected, 2 keys unavailable or bad configuration, 64 bad usage.
 * It never prints the signature, secrets or key material; it shows the header (escaped), and the
 * claims only once the signature verified.
 */
public final class Explain {
    /** Exit status of an accepted token. */
    public static final int ACCEPTED = 0;
    /** Exit status of a rejected token. */
    public static final int REJECTED = 1;
    /** Exit status when the verdict cannot be given: keys unavailable, or the configuration is refused. */
    public static final int CANNOT_TELL = 2;
    /** Exit status of a bad command line. */
    public static final int USAGE = 64;

    private static final String USAGE_TEXT = "usage: java -jar jwtguard-explainer.jar [--config <file.properties>] [--no-env] [<token> | -]\n"
            + "  --config   the application's configuration (mp.jwt.verify.*, jwtguard.*), as in microprofile-config.properties\n"
            + "  --no-env   ignore environment variables (by default MP_JWT_VERIFY_ISSUER and the like are read, before the file)\n"
            + "  <token>    the token; '-' or nothing reads it from standard input\n";

    /** The verification pipeline in order (README, "Security model"), with the reasons each step can give. */
    enum Step {
        SIZE("size cap", EnumSet.of(RejectionReason.SIZE_EXCEEDED)),
        STRUCTURE("structure, canonical base64url", EnumSet.of(RejectionReason.MALFORMED_TOKEN, RejectionReason.MALFORMED_ENCODING)),
        DECRYPTION("decryption (JWE only)", EnumSet.of(RejectionReason.ENCRYPTION_NOT_ACCEPTED, RejectionReason.ENCRYPTION_REQUIRED,
                RejectionReason.DECRYPTION_FAILED, RejectionReason.NESTED_TOKEN_REQUIRED)),
        HEADER("header: strict JSON, alg none, embedded keys, crit, b64, typ", EnumSet.of(RejectionReason.ALGORITHM_NONE,
                RejectionReason.KEY_IN_HEADER, RejectionReason.UNSUPPORTED_CRITICAL_HEADER, RejectionReason.UNENCODED_PAYLOAD,
                RejectionReason.MALFORMED_HEADER, RejectionReason.TYPE_NOT_ACCEPTED)),
        ISSUER_CHOICE("issuer chosen by exact 'iss' (several issuers; before the signature)", EnumSet.noneOf(RejectionReason.class)),
        ALGORITHM("algorithm allow-list", EnumSet.of(RejectionReason.ALGORITHM_NOT_ALLOWED)),
        KEY("key selection by 'kid'", EnumSet.of(RejectionReason.NO_MATCHING_KEY)),
        SIGNATURE("signature", EnumSet.of(RejectionReason.INVALID_SIGNATURE)),
        CLAIMS_PARSE("claims: strict JSON", EnumSet.noneOf(RejectionReason.class)),
        CLAIM_RULES("claim rules: exp, nbf, iat, age, iss, aud, required, kind, app rules",
                EnumSet.of(RejectionReason.INVALID_CLAIM, RejectionReason.MISSING_CLAIM, RejectionReason.EXPIRED,
                        RejectionReason.NOT_YET_VALID, RejectionReason.ISSUED_IN_FUTURE, RejectionReason.LIFETIME_EXCEEDED,
                        RejectionReason.TOO_OLD, RejectionReason.ISSUER_MISMATCH, RejectionReason.AUDIENCE_MISMATCH,
                        RejectionReason.ID_TOKEN_CLAIM, RejectionReason.TOKEN_KIND_MISMATCH, RejectionReason.CUSTOM_RULE)),
        REVOCATION("revocation", EnumSet.of(RejectionReason.REVOKED));

        final String label;
        final Set<RejectionReason> reasons;

        Step(String label, Set<RejectionReason> reasons) {
            this.label = label;
            this.reasons = reasons;
        }

        /**
         * @param e a refusal
         * @param severalIssuers whether the configuration trusts several issuers (then the issuer
         *     is chosen from the claims before the signature is checked)
         * @return the step that refused
         */
        static Optional<Step> of(TokenRejectedException e, boolean severalIssuers) {
            RejectionReason reason = e.reason();
            String message = String.valueOf(e.getMessage());
            if (reason == RejectionReason.MALFORMED_JSON || reason == RejectionReason.DUPLICATE_MEMBER) {
                if (message.startsWith("the header")) {
                    return Optional.of(HEADER);
                }
                return Optional.of(severalIssuers ? ISSUER_CHOICE : CLAIMS_PARSE);
            }
            if (severalIssuers && (message.contains("none of the trusted issuers") || message.contains("several issuers"))) {
                return Optional.of(ISSUER_CHOICE);
            }
            for (Step step : values()) {
                if (step.reasons.contains(reason)) {
                    return Optional.of(step);
                }
            }
            return Optional.empty();
        }
    }

    private Explain() {
    }

    /** Runs the explainer and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.getenv(), Clock.systemUTC()));
    }

    /**
     * @param args the command line
     * @param stdin where the token is read from when no argument gives it
     * @param out where the report goes
     * @param environment the environment variables
     * @param clock the verifier's clock
     * @return the exit status: {@link #ACCEPTED}, {@link #REJECTED}, {@link #CANNOT_TELL} or {@link #USAGE}
     */
    public static int run(String[] args, InputStream stdin, PrintStream out, Map<String, String> environment, Clock clock) {
        Path configFile = null;
        boolean useEnvironment = true;
        String token = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 == args.length) {
                        out.print(USAGE_TEXT);
                        return USAGE;
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--no-env" -> useEnvironment = false;
                case "--help", "-h" -> {
                    out.print(USAGE_TEXT);
                    return USAGE;
                }
                default -> {
                    if (token != null || (args[i].startsWith("--") && !args[i].equals("-"))) {
                        out.print(USAGE_TEXT);
                        return USAGE;
                    }
                    token = args[i];
                }
            }
        }
        try {
            if (token == null || token.equals("-")) {
                token = readToken(stdin);
            }
            Properties file = new Properties();
            if (configFile != null) {
                try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                    file.load(reader);
                }
            }
            Map<String, String> env = useEnvironment ? Map.copyOf(environment) : Map.of();
            Function<String, Optional<String>> lookup = name -> {
                String value = EnvironmentNames.lookup(env, name);
                return Optional.ofNullable(value != null ? value : file.getProperty(name));
            };
            out.println("JWT Guard explainer: the token checked as this configuration verifies it ("
                    + (configFile == null ? "" : configFile + (useEnvironment ? " and " : ""))
                    + (useEnvironment ? "environment variables" : "") + ")");
            return explain(token.trim(), lookup, out, clock);
        } catch (IOException e) {
            out.println("cannot read " + (configFile == null ? "the token" : configFile) + ": " + e.getMessage());
            return USAGE;
        }
    }

    private static String readToken(InputStream stdin) throws IOException {
        byte[] bytes = stdin.readNBytes(1 << 20);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static int explain(String token, Function<String, Optional<String>> lookup, PrintStream out, Clock clock) {
        LoadedConfiguration loaded;
        try {
            loaded = ConfigLoader.load(lookup, clock);
        } catch (ConfigurationException e) {
            out.println("configuration: REFUSED (the application would not deploy): " + e.getMessage());
            return CANNOT_TELL;
        }
        try (loaded) {
            VerifierConfig config = loaded.verifier();
            boolean severalIssuers = !config.trustedIssuers().isEmpty();
            describeConfiguration(config, out);
            out.println("token: " + token.length() + " characters; header " + header(token));
            TokenVerifier verifier = TokenVerifier.create(config);
            try {
                VerifiedToken verified = verifier.verify(token);
                for (Step step : Step.values()) {
                    if (step != Step.ISSUER_CHOICE || severalIssuers) {
                        line(out, step, severalIssuers, verdict(step, token, "passed"));
                    }
                }
                out.println("result: ACCEPTED, principal " + Printable.quoted(verified.getName()) + ", groups "
                        + verified.getGroups().stream().sorted().map(Printable::quoted).toList());
                printClaims(verified, out);
                describeKeys(config, out);
                return ACCEPTED;
            } catch (TokenRejectedException e) {
                Optional<Step> failed = Step.of(e, severalIssuers);
                for (Step step : Step.values()) {
                    if (step == Step.ISSUER_CHOICE && !severalIssuers) {
                        continue;
                    }
                    if (failed.isEmpty()) {
                        line(out, step, severalIssuers, "?");
                    } else if (step.ordinal() < failed.get().ordinal()) {
                        line(out, step, severalIssuers, verdict(step, token, "passed"));
                    } else if (step == failed.get()) {
                        line(out, step, severalIssuers, "FAILED  " + e.reason() + e.ruleCode().map(c -> "/" + c).orElse("") + ": " + e.getMessage());
                    } else {
                        line(out, step, severalIssuers, "not reached");
                    }
                }
                out.println("result: REJECTED, HTTP " + e.reason().httpStatus() + " " + e.reason().errorCode().code()
                        + " \"" + e.reason().description() + "\"");
                boolean signatureVerified = failed.isPresent() && failed.get().ordinal() > Step.SIGNATURE.ordinal();
                if (signatureVerified) {
                    printClaims(token, out);
                } else {
                    out.println("claims: not shown (the signature was not verified)");
                }
                describeKeys(config, out);
                return REJECTED;
            } catch (VerificationUnavailableException e) {
                out.println("result: CANNOT TELL, HTTP 503: " + e.source() + " unavailable: " + e.getMessage());
                describeKeys(config, out);
                return CANNOT_TELL;
            }
        }
    }

    private static void describeConfiguration(VerifierConfig config, PrintStream out) {
        out.println("configuration: issuer " + config.issuer().map(Printable::quoted).orElse("(any)")
                + ", audiences " + (config.audiences().isEmpty() ? "(not checked)"
                        : config.audiences().stream().sorted().map(Printable::quoted).toList())
                + ", algorithms " + config.allowedAlgorithms()
                + (config.trustedIssuers().isEmpty() ? "" : ", trusted issuers " + config.trustedIssuers().stream()
                        .map(t -> t.name() + "=" + Printable.quoted(t.issuer())).toList()));
    }

    /** The key sources after the attempt: where, their state, their kids, when last loaded; never key material. */
    private static void describeKeys(VerifierConfig config, PrintStream out) {
        List<KeySource> sources = new ArrayList<>(config.keySources());
        config.trustedIssuers().forEach(t -> sources.addAll(t.keySources()));
        for (KeySource source : sources) {
            StringBuilder line = new StringBuilder("keys: ").append(source.describe());
            Optional<KeySourceStatus> status = source.status();
            status.ifPresent(s -> {
                line.append(", ").append(s.state());
                s.lastSuccessfulRefresh().ifPresent(at -> line.append(", fetched ").append(at));
                s.lastError().ifPresent(error -> line.append(", last error: ").append(error));
            });
            if (status.isEmpty() || status.get().state() != KeySourceStatus.State.UNAVAILABLE) {
                try {
                    Set<String> kids = new TreeSet<>();
                    int unnamed = 0;
                    for (VerificationKey key : source.keys()) {
                        if (key.keyId().isPresent()) {
                            kids.add(Printable.quoted(key.keyId().get()));
                        } else {
                            unnamed++;
                        }
                    }
                    line.append(", kids ").append(kids).append(unnamed == 0 ? "" : " and " + unnamed + " without kid");
                } catch (RuntimeException e) {
                    line.append(", keys unavailable");
                }
            }
            out.println(line);
        }
    }

    /** @return the decoded header of a compact token, escaped and bounded; never the other segments */
    static String header(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return "(none: not a compact JWT)";
        }
        try {
            String json = new String(Base64.getUrlDecoder().decode(token.substring(0, Math.min(dot, 4096))),
                    StandardCharsets.UTF_8);
            return Printable.quoted(json).replace("… (", "… (header of ");
        } catch (IllegalArgumentException e) {
            return "(not base64url)";
        }
    }

    /** @return "not used (a JWS)" for the decryption step of a three-segment token, else {@code verdict} */
    private static String verdict(Step step, String token, String verdict) {
        return step == Step.DECRYPTION && token.chars().filter(c -> c == '.').count() == 2 ? "not used (a JWS)" : verdict;
    }

    /** The claims of a refused token whose signature verified (a JWS; a JWE's are not decrypted here). */
    private static void printClaims(String token, PrintStream out) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            out.println("claims: not shown (an encrypted token)");
            return;
        }
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)))) {
            out.println("claims (the signature verified; the token was refused):");
            reader.readObject().forEach((name, value) -> out.println("  " + Printable.quoted(name) + ": " + claim(value)));
        } catch (RuntimeException e) {
            out.println("claims: not shown (not a JSON object)");
        }
    }

    private static void printClaims(VerifiedToken verified, PrintStream out) {
        out.println("claims (the signature verified):");
        verified.claims().forEach((name, value) -> out.println("  " + Printable.quoted(name) + ": " + claim(value)));
    }

    private static String claim(JsonValue value) {
        return value.getValueType() == JsonValue.ValueType.STRING
                ? Printable.quoted(((jakarta.json.JsonString) value).getString())
                : Printable.quoted(value.toString());
    }

    private static void line(PrintStream out, Step step, boolean severalIssuers, String verdict) {
        int number = step.ordinal() + 1 - (!severalIssuers && step.ordinal() > Step.ISSUER_CHOICE.ordinal() ? 1 : 0);
        String label = number + ". " + step.label + " ";
        out.println(String.format("%-88s %s", label + ".".repeat(Math.max(3, 86 - label.length())), verdict));
    }
}
