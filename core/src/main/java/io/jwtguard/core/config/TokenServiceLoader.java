package io.jwtguard.core.config;

import static io.jwtguard.core.config.ConfigProperties.*;

import io.jwtguard.core.dpop.DPoPMode;
import io.jwtguard.core.issue.AccessTokenIssuer;
import io.jwtguard.core.issue.AccessTokenSettings;
import io.jwtguard.core.issue.PurgeSchedule;
import io.jwtguard.core.issue.SigningKey;
import io.jwtguard.core.issue.SigningKeyLoader;
import io.jwtguard.core.issue.SigningKeyRing;
import io.jwtguard.core.issue.TokenService;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.KeyLocation;
import io.jwtguard.core.refresh.RefreshEventListener;
import io.jwtguard.core.refresh.RefreshSettings;
import io.jwtguard.core.refresh.RefreshTokenService;
import io.jwtguard.core.revocation.RevocationService;
import io.jwtguard.core.revocation.StoreRevocationCheck;
import io.jwtguard.core.store.InMemoryTokenStore;
import io.jwtguard.core.store.JdbcConnectionPool;
import io.jwtguard.core.store.JdbcTokenStore;
import io.jwtguard.core.store.RefreshTokenStore;
import io.jwtguard.core.store.RevocationStore;
import io.jwtguard.core.store.StoreUnavailableException;
import io.jwtguard.core.verify.TokenTypes;
import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.verify.VerifierConfigBuilder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The part of {@link ConfigLoader} that reads the token-service, store, revocation and endpoint
 * properties. Two phases around the verifier's build: {@link #prepare} creates the store, the
 * revocation check and the key ring and hands them to the verifier's builder;
 * {@link #finish} builds the token service once the verifier's limits are known.
 */
final class TokenServiceLoader {
    /** Default JDBC poll interval: the cluster's revocation propagation bound. */
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(5);
    static final Duration DEFAULT_ROTATION_INTERVAL = Duration.ofDays(7);
    static final Duration DEFAULT_PUBLISH_AHEAD = Duration.ofHours(1);
    private static final Duration BORROW_TIMEOUT = Duration.ofSeconds(5);

    private final PropertyReader in;
    private final Clock clock;
    private final boolean serviceEnabled;
    private RefreshTokenStore refreshStore;
    private RevocationStore revocationStore;
    private AutoCloseable resources;
    /** The JDBC store's data source, when {@link #prepare} created that store. */
    private DataSource storeDataSource;
    private StoreRevocationCheck check;
    private SigningKeyRing ring;
    private String issuer;
    private Set<String> audiences;

    TokenServiceLoader(PropertyReader in, Clock clock) {
        this.in = in;
        this.clock = clock;
        this.serviceEnabled = in.get(TOKEN_SERVICE_ENABLED).isPresent() && in.bool(TOKEN_SERVICE_ENABLED);
    }

    /** Phase one: store, revocation check and key ring into the verifier's builder. */
    void prepare(VerifierConfigBuilder builder, Optional<Set<JwsAlgorithm>> configuredAlgorithms) {
        boolean revocation = in.get(REVOCATION_ENABLED).isPresent() ? in.bool(REVOCATION_ENABLED) : serviceEnabled;
        if (!serviceEnabled && !revocation) {
            return;
        }
        Duration poll = createStore();
        Duration staleIfError = in.durationOr(REVOCATION_STALE_IF_ERROR, Duration.ZERO);
        if (staleIfError.isNegative() || staleIfError.compareTo(MAX_POLL_INTERVAL) > 0) {
            throw new ConfigurationException(REVOCATION_STALE_IF_ERROR, "must be between PT0S and " + MAX_POLL_INTERVAL);
        }
        check = new StoreRevocationCheck(revocationStore, clock, poll, staleIfError);
        if (revocation) {
            builder.revocationCheck(check);
        }
        if (!serviceEnabled) {
            return;
        }
        if (!revocation) {
            throw new ConfigurationException(REVOCATION_ENABLED, "the token service revokes tokens, so the verifier "
                    + "must check revocations; remove " + REVOCATION_ENABLED + "=false");
        }
        issuer = in.get(ISSUE_ISSUER).or(() -> in.get(MP_ISSUER)).map(String::trim).orElseThrow(() ->
                new ConfigurationException(ISSUE_ISSUER, "the token service needs an issuer; set " + ISSUE_ISSUER
                        + " or " + MP_ISSUER));
        audiences = in.get(ISSUE_AUDIENCES).isPresent() ? in.list(ISSUE_AUDIENCES) : in.list(MP_AUDIENCES);
        if (audiences.isEmpty()) {
            throw new ConfigurationException(ISSUE_AUDIENCES, "issued tokens need an audience; set " + ISSUE_AUDIENCES
                    + " or " + MP_AUDIENCES);
        }
        JwsAlgorithm algorithm = in.get(ISSUE_ALGORITHM).map(v -> JwsAlgorithm.fromJoseName(v.trim())
                .filter(a -> !a.name().startsWith("HS")).orElseThrow(() -> new ConfigurationException(ISSUE_ALGORITHM,
                        "'" + v + "' cannot sign issued tokens; use RS256, PS256, ES256, EdDSA or another "
                                + "asymmetric algorithm")))
                .orElse(JwsAlgorithm.RS256);
        Duration lifetime = in.durationOr(ISSUE_LIFETIME, AccessTokenSettings.DEFAULT_LIFETIME);
        ring = keyRing(algorithm, lifetime.plus(skew()));
        builder.issuingKeySource(ring.keySource());
        if (in.get(MP_ISSUER).isEmpty()) {
            builder.issuer(issuer);
        } else if (!in.get(MP_ISSUER).get().trim().equals(issuer)) {
            throw new ConfigurationException(ISSUE_ISSUER, "differs from " + MP_ISSUER + ", so this application "
                    + "would refuse its own tokens; make them equal or remove " + ISSUE_ISSUER);
        }
        if (in.get(MP_AUDIENCES).isEmpty()) {
            builder.audiences(audiences);
        }
        if (configuredAlgorithms.isPresent()) {
            if (!configuredAlgorithms.get().contains(algorithm)) {
                throw new ConfigurationException(ALGORITHMS, "does not allow " + algorithm + ", the algorithm of "
                        + ISSUE_ALGORITHM + "; add it, or this application refuses its own tokens");
            }
        } else {
            builder.allowedAlgorithms(EnumSet.of(JwsAlgorithm.RS256, algorithm));
        }
    }

    /** Phase two: the token service, or empty when not enabled. */
    Optional<TokenService> finish(VerifierConfig verifier) {
        if (!serviceEnabled) {
            return Optional.empty();
        }
        Duration lifetime = in.durationOr(ISSUE_LIFETIME, AccessTokenSettings.DEFAULT_LIFETIME);
        if (verifier.maxLifetime().isPresent() && lifetime.compareTo(verifier.maxLifetime().get()) > 0) {
            throw new ConfigurationException(ISSUE_LIFETIME, "is longer than " + MAX_LIFETIME + " ("
                    + verifier.maxLifetime().get() + "), so issued tokens would be refused; shorten it");
        }
        AccessTokenSettings accessSettings;
        try {
            accessSettings = new AccessTokenSettings(issuer, audiences, lifetime,
                    in.get(ISSUE_TYPE).map(String::trim).orElse(AccessTokenSettings.DEFAULT_TYPE));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ISSUE_LIFETIME, e.getMessage());
        }
        String type = TokenTypes.normalize(accessSettings.type());
        if (!verifier.acceptedTypes().contains(type)) {
            throw new ConfigurationException(ISSUE_TYPE, "'" + accessSettings.type() + "' is not in " + TOKEN_TYPES
                    + ", so this application would refuse its own tokens");
        }
        RefreshSettings refreshSettings;
        try {
            refreshSettings = new RefreshSettings(
                    in.durationOr(REFRESH_ABSOLUTE_LIFETIME, RefreshSettings.DEFAULT_ABSOLUTE_LIFETIME),
                    in.durationOr(REFRESH_IDLE_TIMEOUT, RefreshSettings.DEFAULT_IDLE_TIMEOUT),
                    in.durationOr(REFRESH_GRACE_PERIOD, Duration.ZERO));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("jwtguard.refresh.*", e.getMessage() + "; check "
                    + REFRESH_ABSOLUTE_LIFETIME + ", " + REFRESH_IDLE_TIMEOUT + " and " + REFRESH_GRACE_PERIOD);
        }
        RefreshTokenService refresh = new RefreshTokenService(refreshStore, refreshSettings, clock,
                RefreshEventListener.NONE);
        Duration longest = verifier.maxLifetime().orElse(RefreshSettings.MAX_ABSOLUTE_LIFETIME).plus(verifier.clockSkew());
        RevocationService revocation = new RevocationService(revocationStore, refresh, check, longest,
                verifier.clockSkew(), clock);
        return Optional.of(new TokenService(new AccessTokenIssuer(ring, accessSettings, clock,
                verifier.signatureEngines()), refresh, revocation,
                refreshStore, revocationStore, clock, resources, purges()));
    }

    private PurgeSchedule purges() {
        Duration interval = in.durationOr(TOKEN_SERVICE_PURGE_INTERVAL, PurgeSchedule.DEFAULT_INTERVAL);
        if (interval.isZero()) {
            return PurgeSchedule.OFF;
        }
        if (interval.isNegative() || interval.toMillis() == 0) {
            throw new ConfigurationException(TOKEN_SERVICE_PURGE_INTERVAL, "'" + interval + "' is not a purge interval;"
                    + " use a positive duration (PT10M) or PT0S to leave purging to the application");
        }
        return PurgeSchedule.every(interval, clock);
    }

    private Duration skew() {
        return in.get(MP_CLOCK_SKEW).isPresent() ? Duration.ofSeconds(in.nonNegativeLong(MP_CLOCK_SKEW))
                : VerifierConfig.DEFAULT_CLOCK_SKEW;
    }

    /** @return the revocation poll interval fitting the store */
    private Duration createStore() {
        String type = in.get(STORE_TYPE).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("memory");
        Duration poll = in.durationOr(REVOCATION_POLL_INTERVAL, DEFAULT_POLL_INTERVAL);
        if (poll.isNegative() || poll.compareTo(MAX_POLL_INTERVAL) > 0) {
            throw new ConfigurationException(REVOCATION_POLL_INTERVAL, "must be between PT0S and "
                    + MAX_POLL_INTERVAL + ": it bounds how long a revocation takes to reach every node");
        }
        switch (type) {
            case "memory": {
                InMemoryTokenStore store = new InMemoryTokenStore();
                refreshStore = store;
                revocationStore = store;
                return Duration.ZERO; // one node: every check reads the live list
            }
            case "jdbc": {
                DataSource dataSource = dataSource();
                if (dataSource instanceof AutoCloseable) {
                    resources = (AutoCloseable) dataSource;
                }
                storeDataSource = dataSource;
                JdbcTokenStore store = new JdbcTokenStore(dataSource);
                if (applySchema()) {
                    try {
                        store.applySchema();
                    } catch (StoreUnavailableException e) {
                        throw new ConfigurationException(STORE_JDBC_APPLY_SCHEMA, "the schema could not be applied ("
                                + e.getMessage() + "); check the database and its permissions");
                    }
                }
                refreshStore = store;
                revocationStore = store;
                return poll;
            }
            default:
                throw new ConfigurationException(STORE_TYPE, "'" + type + "' is not a store; use memory or jdbc");
        }
    }

    /** @return whether {@code jwtguard.store.jdbc.apply-schema=true} */
    boolean applySchema() {
        return in.get(STORE_JDBC_APPLY_SCHEMA).isPresent() && in.bool(STORE_JDBC_APPLY_SCHEMA);
    }

    /** @return the JDBC store's data source, when {@link #prepare} created that store */
    Optional<DataSource> storeDataSource() {
        return Optional.ofNullable(storeDataSource);
    }

    /**
     * @return a data source from the {@code jwtguard.store.jdbc.*} properties: a container's (JNDI), or a
     *     new built-in pool that the caller owns and closes
     */
    DataSource dataSource() {
        Optional<String> jndi = in.get(STORE_JDBC_DATASOURCE);
        Optional<String> url = in.get(STORE_JDBC_URL);
        if (jndi.isPresent() == url.isPresent()) {
            throw new ConfigurationException(STORE_JDBC_URL, "the JDBC store needs exactly one of "
                    + STORE_JDBC_DATASOURCE + " (a JNDI name) and " + STORE_JDBC_URL);
        }
        if (jndi.isPresent()) {
            try {
                Object found = new InitialContext().lookup(jndi.get().trim());
                if (found instanceof DataSource) {
                    return (DataSource) found;
                }
                throw new ConfigurationException(STORE_JDBC_DATASOURCE, "'" + jndi.get() + "' is not a DataSource");
            } catch (NamingException e) {
                throw new ConfigurationException(STORE_JDBC_DATASOURCE, "'" + jndi.get() + "' cannot be looked up ("
                        + e.getClass().getSimpleName() + "); check the JNDI name");
            }
        }
        long size = in.get(STORE_JDBC_POOL_SIZE).isPresent() ? in.nonNegativeLong(STORE_JDBC_POOL_SIZE) : 4;
        if (size < 1 || size > 1000) {
            throw new ConfigurationException(STORE_JDBC_POOL_SIZE, "must be between 1 and 1000");
        }
        JdbcConnectionPool pool = new JdbcConnectionPool(url.get().trim(), in.get(STORE_JDBC_USER).orElse(null),
                in.get(STORE_JDBC_PASSWORD).orElse(null), (int) size, BORROW_TIMEOUT);
        return pool;
    }

    private SigningKeyRing keyRing(JwsAlgorithm algorithm, Duration retention) {
        Optional<String> keystore = in.get(ISSUE_KEYSTORE_LOCATION);
        Optional<String> pem = in.get(ISSUE_KEY_LOCATION);
        if (keystore.isPresent() && pem.isPresent()) {
            throw new ConfigurationException(ISSUE_KEY_LOCATION, "both " + ISSUE_KEYSTORE_LOCATION + " and "
                    + ISSUE_KEY_LOCATION + " are set; keep only one");
        }
        if (keystore.isPresent()) {
            String alias = in.get(ISSUE_KEYSTORE_ALIAS).map(String::trim).orElseThrow(() -> new ConfigurationException(
                    ISSUE_KEYSTORE_ALIAS, "name the signing entry of " + ISSUE_KEYSTORE_LOCATION));
            String type = in.get(ISSUE_KEYSTORE_TYPE).map(String::trim).orElse("PKCS12");
            char[] password = in.get(ISSUE_KEYSTORE_PASSWORD).orElse("").toCharArray();
            try {
                SigningKey active = SigningKeyLoader.fromKeystore(keystore.get().trim(), type, password, alias,
                        algorithm, clock.instant());
                List<SigningKey> previous = new ArrayList<>();
                for (String old : in.list(ISSUE_KEYSTORE_PREVIOUS)) {
                    previous.add(SigningKeyLoader.fromKeystore(keystore.get().trim(), type, password, old, algorithm,
                            clock.instant()));
                }
                return SigningKeyRing.fixed(active, previous, retention, clock);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(ISSUE_KEYSTORE_LOCATION, e.getMessage() + "; check "
                        + ISSUE_KEYSTORE_ALIAS + ", " + ISSUE_KEYSTORE_TYPE + " and " + ISSUE_KEYSTORE_PASSWORD);
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        if (pem.isPresent()) {
            try {
                String content = KeyLocation.of(pem.get()).read();
                return SigningKeyRing.fixed(SigningKeyLoader.fromPem(content, in.get(ISSUE_KEY_ID).map(String::trim)
                        .orElse(null), algorithm, clock.instant(), pem.get().trim()), List.of(), retention, clock);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigurationException(ISSUE_KEY_LOCATION, e.getMessage() + "; provide a PKCS#8 PEM private "
                        + "key with its public key or certificate");
            }
        }
        Duration interval = in.durationOr(ISSUE_ROTATION_INTERVAL, DEFAULT_ROTATION_INTERVAL);
        Duration ahead = in.durationOr(ISSUE_PUBLISH_AHEAD, DEFAULT_PUBLISH_AHEAD);
        if (interval.compareTo(ahead) <= 0 || ahead.isNegative()) {
            throw new ConfigurationException(ISSUE_ROTATION_INTERVAL, "must be longer than " + ISSUE_PUBLISH_AHEAD
                    + " (a key is published that long before it signs)");
        }
        return SigningKeyRing.generating(algorithm, interval, ahead, retention, clock);
    }

    /** The endpoints' settings (read whether or not the token service is on, so typos fail early). */
    EndpointSettings endpoints() {
        EndpointSettings d = EndpointSettings.DEFAULTS;
        boolean enabled = in.get(ENDPOINTS_ENABLED).isPresent() && in.bool(ENDPOINTS_ENABLED);
        if (enabled && !serviceEnabled) {
            throw new ConfigurationException(ENDPOINTS_ENABLED, "the endpoints need the token service; set "
                    + TOKEN_SERVICE_ENABLED + "=true");
        }
        EndpointSettings.RefreshTransport transport = in.get(ENDPOINT_REFRESH_TRANSPORT).map(v -> {
            EndpointSettings.RefreshTransport t = EndpointSettings.RefreshTransport.parse(v);
            if (t == null) {
                throw new ConfigurationException(ENDPOINT_REFRESH_TRANSPORT, "'" + v + "' is not cookie or body");
            }
            return t;
        }).orElse(d.transport());
        String cookie = in.get(ENDPOINT_REFRESH_COOKIE).map(String::trim).orElse(d.cookieName());
        if (!cookie.matches("(__Host-|__Secure-)[A-Za-z0-9_-]+")) {
            throw new ConfigurationException(ENDPOINT_REFRESH_COOKIE, "'" + cookie + "' must start with __Host- (Path=/)"
                    + " or __Secure- (Path=the token path) and contain only letters, digits, '-' and '_'");
        }
        String csrf = in.get(ENDPOINT_CSRF_HEADER).map(String::trim).orElse(d.csrfHeader());
        if (!csrf.matches("[A-Za-z0-9-]+") || csrf.equalsIgnoreCase("Cookie") || csrf.equalsIgnoreCase("Origin")) {
            throw new ConfigurationException(ENDPOINT_CSRF_HEADER, "'" + csrf + "' is not a usable custom header name");
        }
        Set<String> origins = in.list(ENDPOINT_ALLOWED_ORIGINS);
        for (String origin : origins) {
            if (!origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
                throw new ConfigurationException(ENDPOINT_ALLOWED_ORIGINS, "'" + origin + "' is not an origin "
                        + "(scheme://host[:port], no path)");
            }
        }
        return new EndpointSettings(enabled, path(ENDPOINT_TOKEN_PATH, d.tokenPath()),
                path(ENDPOINT_REVOKE_PATH, d.revokePath()), path(ENDPOINT_JWKS_PATH, d.jwksPath()), transport, cookie,
                csrf, origins, in.get(ENDPOINT_CLIENT_ID).map(String::trim).orElse(d.clientId()),
                in.get(ENDPOINT_DPOP).map(v -> DPoPMode.fromProperty(v).orElseThrow(() -> new ConfigurationException(
                        ENDPOINT_DPOP, "'" + v + "' is not a DPoP mode; use off, allowed or required")))
                        .orElse(d.dpop()));
    }

    private String path(String property, String fallback) {
        String value = in.get(property).map(String::trim).orElse(fallback);
        if (!value.matches("(/[A-Za-z0-9._~-]+)+") || value.matches(".*/\\.{1,2}(/.*)?")) {
            throw new ConfigurationException(property, "'" + value + "' is not a plain path such as /oauth/token");
        }
        return value;
    }
}
