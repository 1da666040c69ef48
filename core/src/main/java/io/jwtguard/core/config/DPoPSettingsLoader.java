package io.jwtguard.core.config;

import static io.jwtguard.core.config.ConfigProperties.DPOP_ALGORITHMS;
import static io.jwtguard.core.config.ConfigProperties.DPOP_EXTERNAL_BASE_URL;
import static io.jwtguard.core.config.ConfigProperties.DPOP_MODE;
import static io.jwtguard.core.config.ConfigProperties.DPOP_NONCE;
import static io.jwtguard.core.config.ConfigProperties.DPOP_NONCE_LIFETIME;
import static io.jwtguard.core.config.ConfigProperties.DPOP_NONCE_SECRET;
import static io.jwtguard.core.config.ConfigProperties.DPOP_PROOF_MAX_AGE;
import static io.jwtguard.core.config.ConfigProperties.DPOP_PROOF_MAX_SIZE;
import static io.jwtguard.core.config.ConfigProperties.DPOP_REPLAY_CACHE_MAX_SIZE;
import static io.jwtguard.core.config.ConfigProperties.DPOP_REPLAY_CACHE_TYPE;
import static io.jwtguard.core.config.ConfigProperties.STORE_JDBC_APPLY_SCHEMA;
import static io.jwtguard.core.config.ConfigProperties.STORE_TYPE;
import static io.jwtguard.core.config.ConfigProperties.ISSUERS;
import static io.jwtguard.core.config.ConfigProperties.ISSUER_PREFIX;

import io.jwtguard.core.dpop.DPoPMode;
import io.jwtguard.core.dpop.DPoPNonces;
import io.jwtguard.core.dpop.DPoPSettings;
import io.jwtguard.core.dpop.ReplayCache;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.jose.KeyFamily;
import io.jwtguard.core.store.JdbcReplayCache;
import io.jwtguard.core.store.StoreUnavailableException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Reads the {@code jwtguard.dpop.*} properties (and the per-issuer DPoP modes) for {@link ConfigLoader}. */
final class DPoPSettingsLoader {
    private DPoPSettingsLoader() {
    }

    /** The {@code jwtguard.dpop.*} settings; the proof's clock skew is the tokens' one. */
    static DPoPSettings load(PropertyReader in, Duration clockSkew) {
        DPoPMode mode = in.get(DPOP_MODE).map(v -> mode(DPOP_MODE, v)).orElse(DPoPMode.OFF);
        Set<JwsAlgorithm> algorithms = ConfigLoader.algorithmList(in, DPOP_ALGORITHMS).orElse(DPoPSettings.DEFAULT_ALGORITHMS);
        for (JwsAlgorithm algorithm : algorithms) {
            if (algorithm.keyFamily() == KeyFamily.SECRET) {
                throw new ConfigurationException(DPOP_ALGORITHMS, algorithm.joseName() + " is symmetric; a DPoP "
                        + "proof is signed with the client's private key (RFC 9449 section 4.2): list asymmetric "
                        + "algorithms such as ES256, PS256, EdDSA");
            }
        }
        Duration maxAge = in.durationOr(DPOP_PROOF_MAX_AGE, DPoPSettings.DEFAULT_PROOF_MAX_AGE);
        if (maxAge.isZero() || maxAge.isNegative() || maxAge.compareTo(DPoPSettings.MAX_PROOF_MAX_AGE) > 0) {
            throw new ConfigurationException(DPOP_PROOF_MAX_AGE, "'" + maxAge.toSeconds() + " s' is out of range; "
                    + "use 1 to " + DPoPSettings.MAX_PROOF_MAX_AGE.toSeconds() + " seconds (default "
                    + DPoPSettings.DEFAULT_PROOF_MAX_AGE.toSeconds() + ")");
        }
        long maxSize = in.get(DPOP_PROOF_MAX_SIZE).isPresent() ? in.nonNegativeLong(DPOP_PROOF_MAX_SIZE)
                : DPoPSettings.DEFAULT_MAX_PROOF_SIZE;
        if (maxSize < 256 || maxSize > 65536) {
            throw new ConfigurationException(DPOP_PROOF_MAX_SIZE, "'" + maxSize + "' is out of range; use 256 to "
                    + "65536 characters (default " + DPoPSettings.DEFAULT_MAX_PROOF_SIZE + ")");
        }
        long cacheSize = in.get(DPOP_REPLAY_CACHE_MAX_SIZE).isPresent() ? in.nonNegativeLong(DPOP_REPLAY_CACHE_MAX_SIZE)
                : DPoPSettings.DEFAULT_REPLAY_CACHE_SIZE;
        if (cacheSize < 1 || cacheSize > 10_000_000) {
            throw new ConfigurationException(DPOP_REPLAY_CACHE_MAX_SIZE, "'" + cacheSize + "' is out of range; use "
                    + "1 to 10000000 (default " + DPoPSettings.DEFAULT_REPLAY_CACHE_SIZE + ")");
        }
        Optional<URI> base = in.get(DPOP_EXTERNAL_BASE_URL).map(String::trim).map(v -> {
            try {
                URI uri = new URI(v);
                new DPoPSettings(mode, algorithms, maxAge, clockSkew, (int) maxSize, Optional.of(uri), 1);
                return uri;
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new ConfigurationException(DPOP_EXTERNAL_BASE_URL, "'" + v + "' is not an absolute http(s) "
                        + "URL without user information, query or fragment; set it to the scheme, host, port and "
                        + "path prefix clients use, for example https://api.example.com or https://example.com/api");
            }
        });
        Map<String, DPoPMode> issuerModes = new LinkedHashMap<>();
        for (String name : in.list(ISSUERS)) {
            String property = ISSUER_PREFIX + name + ".dpop.mode";
            in.get(property).ifPresent(v -> issuerModes.put(in.get(ISSUER_PREFIX + name + ".issuer").map(String::trim)
                    .orElse(""), mode(property, v)));
        }
        return new DPoPSettings(mode, algorithms, maxAge, clockSkew, (int) maxSize, base, (int) cacheSize,
                issuerModes, nonces(in));
    }

    /**
     * {@code jwtguard.dpop.nonce*}: off, or required with a configured or per-process secret. The
     * lifetime and the secret are checked even while nonces are off, so a mistake fails at deployment.
     */
    private static DPoPNonces nonces(PropertyReader in) {
        String value = in.get(DPOP_NONCE).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("off");
        if (!value.equals("off") && !value.equals("required")) {
            throw new ConfigurationException(DPOP_NONCE, "'" + in.get(DPOP_NONCE).get() + "' is not off or required");
        }
        Duration lifetime = in.durationOr(DPOP_NONCE_LIFETIME, DPoPNonces.DEFAULT_LIFETIME);
        if (lifetime.compareTo(DPoPNonces.MIN_LIFETIME) < 0 || lifetime.compareTo(DPoPNonces.MAX_LIFETIME) > 0) {
            throw new ConfigurationException(DPOP_NONCE_LIFETIME, "'" + lifetime.toSeconds() + " s' is out of range; "
                    + "use " + DPoPNonces.MIN_LIFETIME.toSeconds() + " to " + DPoPNonces.MAX_LIFETIME.toSeconds()
                    + " seconds (default " + DPoPNonces.DEFAULT_LIFETIME.toSeconds() + ")");
        }
        Optional<byte[]> secret = in.get(DPOP_NONCE_SECRET).map(v -> v.getBytes(StandardCharsets.UTF_8));
        if (secret.isPresent() && secret.get().length < DPoPNonces.MIN_SECRET_LENGTH) {
            // never echo the secret, not even in part
            throw new ConfigurationException(DPOP_NONCE_SECRET, "the secret has " + secret.get().length + " bytes; "
                    + "give at least " + DPoPNonces.MIN_SECRET_LENGTH + " random characters, the same on every node");
        }
        if (value.equals("off")) {
            return DPoPNonces.OFF;
        }
        return secret.map(bytes -> DPoPNonces.required(bytes, lifetime))
                .orElseGet(() -> DPoPNonces.requiredPerProcess(lifetime));
    }

    /**
     * @param loaded the configuration without its cluster replay cache; closed when this fails
     * @return {@code loaded} with the replay cache of {@link #replayCache}, if any
     */
    static LoadedConfiguration withReplayCache(PropertyReader in, LoadedConfiguration loaded,
            TokenServiceLoader store, Clock clock) {
        try {
            return new LoadedConfiguration(loaded.verifier(), loaded.transport(), loaded.tokenService(),
                    loaded.endpoints(), loaded.dpop(), replayCache(in, loaded.acceptsDPoPProofs(), loaded.dpop(),
                            store, clock));
        } catch (RuntimeException e) {
            loaded.close(); // the key sources' threads, the token service's pool
            throw e;
        }
    }

    /**
     * The replay cache a cluster shares ({@code jwtguard.dpop.replay-cache.type=jdbc}, the default when
     * {@code jwtguard.store.type=jdbc}), over the token store's data source when there is one, else over a
     * pool of its own from the same {@code jwtguard.store.jdbc.*} properties (closed with the cache).
     *
     * @param proofsAccepted whether the application checks DPoP proofs anywhere (resources or token endpoints)
     * @return the JDBC replay cache, or empty when no proof is checked or each node keeps its own in memory
     */
    private static Optional<ReplayCache> replayCache(PropertyReader in, boolean proofsAccepted, DPoPSettings dpop,
            TokenServiceLoader store, Clock clock) {
        boolean jdbcStore = in.get(STORE_TYPE).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("memory")
                .equals("jdbc");
        String type = in.get(DPOP_REPLAY_CACHE_TYPE).map(v -> v.trim().toLowerCase(Locale.ROOT))
                .orElse(jdbcStore ? "jdbc" : "memory");
        if (!type.equals("memory") && !type.equals("jdbc")) {
            throw new ConfigurationException(DPOP_REPLAY_CACHE_TYPE, "'" + type + "' is not a replay cache; use "
                    + "memory (one node) or jdbc (a cluster, over the jwtguard.store.jdbc.* database)");
        }
        if (type.equals("memory") || !proofsAccepted) {
            return Optional.empty();
        }
        Optional<DataSource> shared = store.storeDataSource();
        DataSource dataSource = shared.orElseGet(store::dataSource);
        AutoCloseable owned = shared.isEmpty() && dataSource instanceof AutoCloseable ? (AutoCloseable) dataSource
                : null;
        JdbcReplayCache cache = new JdbcReplayCache(dataSource, dpop.replayCacheSize(), clock,
                JdbcReplayCache.DEFAULT_PURGE_INTERVAL, owned);
        if (store.applySchema()) {
            try {
                cache.applySchema();
            } catch (StoreUnavailableException e) {
                cache.close();
                throw new ConfigurationException(STORE_JDBC_APPLY_SCHEMA, "the DPoP replay cache's schema could not "
                        + "be applied (" + e.getMessage() + "); check the database and its permissions");
            }
        }
        return Optional.of(cache);
    }

    private static DPoPMode mode(String property, String value) {
        return DPoPMode.fromProperty(value).orElseThrow(() -> new ConfigurationException(property, "'" + value
                + "' is not a DPoP mode; use off, allowed or required"));
    }
}
