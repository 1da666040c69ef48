package io.jwtguard.core.jose;

import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Chooses the JCA provider of {@link SignatureEngines} from the setting
 * {@code jwtguard.crypto.provider}:
 * <ul>
 *   <li>{@code auto} (the default): the first native provider on the class path that passes the
 *       start-up self-test ({@link KnownAnswers}): Amazon Corretto Crypto Provider, then
 *       Conscrypt; else the JDK. A provider that gives one wrong answer is not used at all; an
 *       algorithm it lacks (or whose key objects it refuses) is served by the JDK, and so are the
 *       HMAC algorithms, which the JDK computes as fast.</li>
 *   <li>{@code jdk}: the JDK's providers, as before native providers were supported.</li>
 *   <li>a provider name, exactly as {@link Provider#getName()} spells it
 *       ({@code AmazonCorrettoCryptoProvider}, {@code Conscrypt}, or a provider the JVM already
 *       lists): that provider, which must be present and pass the self-test, else deployment
 *       fails.</li>
 * </ul>
 * Providers are instantiated reflectively (jwtguard-core neither needs nor bundles them) and
 * used as instances; nothing is ever added to the JVM's provider list
 * ({@code Security.addProvider}), which other applications of the server share.
 *
 * <p>Stateless and thread-safe. A selection is made per configuration load (once per
 * deployment) and logged once, at INFO.
 */
public final class CryptoProviders {
    /** The setting's default: the fastest provider that proves itself, else the JDK. */
    public static final String AUTO = "auto";
    /** The setting that keeps the JDK's providers. */
    public static final String JDK = "jdk";

    private static final System.Logger LOG = System.getLogger(CryptoProviders.class.getName());

    /** A native provider that {@code auto} tries, in this order. */
    public record Candidate(String name, Supplier<Optional<Provider>> loader) {
        public Candidate {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(loader, "loader");
        }
    }

    /** The native providers we know how to instantiate, most preferred first. */
    public static final List<Candidate> NATIVE = List.of(
            new Candidate("AmazonCorrettoCryptoProvider", () -> staticField(
                    "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider", "INSTANCE")),
            new Candidate("Conscrypt", () -> staticMethod("org.conscrypt.Conscrypt", "newProvider")));

    private CryptoProviders() {
    }

    /**
     * @param setting the value of {@code jwtguard.crypto.provider}; empty means {@code auto}
     * @return the engines to use, never null
     * @throws IllegalArgumentException with the problem and its fix, when the setting names a
     *     provider that is absent or fails its self-test
     */
    public static SignatureEngines select(Optional<String> setting) {
        return select(setting, NATIVE);
    }

    /**
     * As {@link #select(Optional)}, with the candidates given (tests give a provider that lies).
     *
     * @param candidates the providers {@code auto} tries, in order, and the names a setting may
     *     give besides the JVM's installed providers; not null
     */
    public static SignatureEngines select(Optional<String> setting, List<Candidate> candidates) {
        String value = setting.map(String::trim).filter(v -> !v.isEmpty()).orElse(AUTO);
        SignatureEngines engines;
        if (value.toLowerCase(Locale.ROOT).equals(JDK)) {
            engines = SignatureEngines.jdk("jwtguard.crypto.provider=jdk");
        } else if (value.toLowerCase(Locale.ROOT).equals(AUTO)) {
            engines = auto(candidates);
        } else {
            engines = named(value, candidates);
        }
        LOG.log(System.Logger.Level.INFO, "JWT Guard crypto: " + engines.summary());
        return engines;
    }

    private static SignatureEngines auto(List<Candidate> candidates) {
        List<String> notUsed = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Optional<Provider> provider = load(candidate);
            if (provider.isEmpty()) {
                notUsed.add(candidate.name() + " is not on the class path or cannot be loaded here");
                continue;
            }
            Map<JwsAlgorithm, KnownAnswers.Result> results = selfTest(provider.get());
            EnumSet<JwsAlgorithm> wrong = with(results, KnownAnswers.Result.WRONG_ANSWER);
            EnumSet<JwsAlgorithm> passed = with(results, KnownAnswers.Result.PASSED);
            // HMAC stays with the JDK: its intrinsics were as fast as ACCP's native HMAC or faster
            // (docs/benchmarks.md); naming the provider uses it for HMAC too
            passed.removeIf(algorithm -> algorithm.keyFamily() == KeyFamily.SECRET);
            if (!wrong.isEmpty()) {
                notUsed.add(candidate.name() + " failed its self-test for " + wrong);
            } else if (passed.isEmpty()) {
                notUsed.add(candidate.name() + " supports none of the algorithms");
            } else {
                return SignatureEngines.of(provider.get(), passed, "jwtguard.crypto.provider=auto: the first native "
                        + "provider that passed the self-test"
                        + (notUsed.isEmpty() ? "" : "; " + String.join("; ", notUsed)));
            }
        }
        return SignatureEngines.jdk("jwtguard.crypto.provider=auto and no native provider is usable: "
                + String.join("; ", notUsed));
    }

    private static SignatureEngines named(String name, List<Candidate> candidates) {
        Optional<Candidate> known = candidates.stream().filter(c -> c.name().equals(name)).findFirst();
        Optional<Provider> provider = known.isPresent() ? load(known.get())
                : Optional.ofNullable(Security.getProvider(name));
        if (provider.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' is not a provider available here; use auto, jdk, "
                    + candidates.stream().map(Candidate::name).collect(Collectors.joining(", "))
                    + " (with its jar in the application or the server's shared library) or one of the JVM's "
                    + "providers " + Arrays.stream(Security.getProviders()).map(Provider::getName).toList());
        }
        Map<JwsAlgorithm, KnownAnswers.Result> results = selfTest(provider.get());
        EnumSet<JwsAlgorithm> wrong = with(results, KnownAnswers.Result.WRONG_ANSWER);
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException(name + " failed its start-up self-test for " + wrong
                    + ": it accepted a tampered signature or refused a valid one; remove it, or use auto or jdk");
        }
        EnumSet<JwsAlgorithm> passed = with(results, KnownAnswers.Result.PASSED);
        if (passed.isEmpty()) {
            throw new IllegalArgumentException(name + " supports none of the JWS algorithms; use auto or jdk");
        }
        return SignatureEngines.of(provider.get(), passed, "jwtguard.crypto.provider=" + name);
    }

    /**
     * Runs the self-test (and {@link #loadClass} the provider's initialisation) with the provider's
     * own class loader as the thread's context class loader:
     * a provider that starts a thread when first used (Amazon Corretto Crypto Provider starts a
     * "Native reference cleanup thread") hands it that loader, never the deploying application's,
     * which the thread would otherwise keep after undeployment when the provider sits in a shared
     * library.
     */
    private static Map<JwsAlgorithm, KnownAnswers.Result> selfTest(Provider provider) {
        return inContextOf(provider.getClass().getClassLoader(), () -> KnownAnswers.run(provider));
    }

    private static <T> T inContextOf(ClassLoader loader, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static EnumSet<JwsAlgorithm> with(Map<JwsAlgorithm, KnownAnswers.Result> results,
            KnownAnswers.Result result) {
        EnumSet<JwsAlgorithm> set = EnumSet.noneOf(JwsAlgorithm.class);
        results.forEach((algorithm, r) -> {
            if (r == result) {
                set.add(algorithm);
            }
        });
        return set;
    }

    private static Optional<Provider> load(Candidate candidate) {
        try {
            return candidate.loader().get();
        } catch (RuntimeException | LinkageError e) {
            // a jar without a native build for this platform fails here or in the self-test
            LOG.log(System.Logger.Level.DEBUG, () -> candidate.name() + " cannot be loaded: " + e);
            return Optional.empty();
        }
    }

    private static Optional<Provider> staticField(String className, String field) {
        return loadClass(className).map(type -> inContextOf(type.getClassLoader(), () -> {
            try {
                return (Provider) type.getField(field).get(null); // initialises the class
            } catch (ReflectiveOperationException | ClassCastException e) {
                return null;
            }
        }));
    }

    private static Optional<Provider> staticMethod(String className, String method) {
        return loadClass(className).map(type -> inContextOf(type.getClassLoader(), () -> {
            try {
                return (Provider) type.getMethod(method).invoke(null); // initialises the class
            } catch (ReflectiveOperationException | ClassCastException e) {
                return null;
            }
        }));
    }

    /**
     * Looks in jwtguard-core's own class loader first, then in the thread's context class loader
     * (the application's, when jwtguard-core sits in a server's shared library).
     */
    private static Optional<Class<?>> loadClass(String className) {
        for (ClassLoader loader : new ClassLoader[] {CryptoProviders.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return Optional.of(Class.forName(className, false, loader)); // initialised by the caller
            } catch (ClassNotFoundException e) {
                // try the next loader
            }
        }
        return Optional.empty();
    }
}
