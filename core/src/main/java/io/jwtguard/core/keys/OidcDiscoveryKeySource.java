package io.jwtguard.core.keys;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.jose.Printable;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The keys of an issuer configured by its issuer URL alone: reads the issuer's OpenID Connect
 * discovery document ({@code <issuer>/.well-known/openid-configuration}), checks that the document's
 * {@code issuer} equals the configured one exactly (RFC 8414 section 3.3, OpenID Connect Discovery
 * section 4.3), and serves the keys of its {@code jwks_uri} through a {@link JwksKeySource}.
 *
 * <p>Same transport rules as JWKS: https (plain http only to loopback), the JWKS size cap, connect
 * timeout and deadline, no redirects. The document is read again on the JWKS schedule (its
 * {@code Cache-Control} lifetime within the JWKS bounds, in the background while keys are served);
 * a changed {@code jwks_uri} replaces the JWKS client, and a failed re-read keeps the current one.
 * An issuer that is down at start-up fails nothing: verification answers "unavailable" (HTTP 503)
 * and discovery is retried at most once per {@link JwksSettings#unknownKidMinInterval()}.
 *
 * <p>Thread-safe. {@link #close()} stops the background thread and the JWKS client.
 */
public final class OidcDiscoveryKeySource implements KeySource {
    private static final System.Logger LOG = System.getLogger(OidcDiscoveryKeySource.class.getName());

    /** Where an issuer publishes its discovery document, after the issuer URL. */
    public static final String WELL_KNOWN = "/.well-known/openid-configuration";

    private final String issuer;
    private final URI documentUri;
    private final JwksSettings settings;
    private final KeyStrengthPolicy strength;
    private final Clock clock;
    private final Executor background;
    private final boolean ownsExecutor;
    private final BoundedHttpFetcher fetcher;
    private final AtomicBoolean rediscovering = new AtomicBoolean();
    private final AtomicBoolean firstDiscoveryRequested = new AtomicBoolean();
    private final Object firstDiscovery = new Object();

    /** The JWKS client of the current {@code jwks_uri}, and when to read the document again. */
    private record Discovered(URI jwksUri, JwksKeySource keys, Instant rediscoverAt, long generation) {
    }

    private volatile Discovered current;
    private volatile Instant retryNotBefore = Instant.MIN;
    private volatile String lastError;
    private volatile boolean closed;

    private OidcDiscoveryKeySource(String issuer, URI documentUri, JwksSettings settings, KeyStrengthPolicy strength,
            Clock clock, Executor background, boolean ownsExecutor) {
        this.issuer = issuer;
        this.documentUri = documentUri;
        this.settings = settings;
        this.strength = strength;
        this.clock = clock;
        this.background = background;
        this.ownsExecutor = ownsExecutor;
        this.fetcher = new BoundedHttpFetcher(settings.connectTimeout(), settings.readTimeout(),
                settings.maxResponseBytes(), "application/json");
    }

    /**
     * Creates a source with its own daemon thread for background re-reads of the document.
     *
     * @param issuer the exact issuer URL ({@code iss}), https (plain http only to loopback)
     * @throws IllegalArgumentException if the issuer is not such a URL
     */
    public static OidcDiscoveryKeySource create(String issuer, JwksSettings settings, KeyStrengthPolicy strength,
            Clock clock) {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "jwtguard-oidc-discovery");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return start(new OidcDiscoveryKeySource(issuer, documentUri(issuer), settings, strength, clock, executor, true));
        } catch (RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /**
     * Creates a source whose background work (its own and its JWKS client's) runs on
     * {@code background}; tests pass a direct executor.
     *
     * @throws IllegalArgumentException if the issuer is not an acceptable URL
     */
    public static OidcDiscoveryKeySource create(String issuer, JwksSettings settings, KeyStrengthPolicy strength,
            Clock clock, Executor background) {
        return start(new OidcDiscoveryKeySource(issuer, documentUri(issuer), Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(strength, "strength"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(background, "background"), false));
    }

    /**
     * @param issuer an issuer URL
     * @return where its discovery document is: the issuer without a trailing {@code /}, then {@link #WELL_KNOWN}
     * @throws IllegalArgumentException if the issuer is not an https URL (or http to loopback) without
     *     query or fragment
     */
    public static URI documentUri(String issuer) {
        Objects.requireNonNull(issuer, "issuer");
        URI uri;
        try {
            uri = URI.create(issuer.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the issuer '" + KeyLocation.redact(issuer) + "' is not a URL");
        }
        if (!uri.isAbsolute() || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getHost() == null
                || !JwksRules.isAcceptableUri(uri)) {
            throw new IllegalArgumentException("the issuer '" + KeyLocation.redact(issuer) + "' must be an https URL "
                    + "(plain http only to loopback) without query or fragment to be discovered");
        }
        String text = uri.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + WELL_KNOWN);
    }

    private static OidcDiscoveryKeySource start(OidcDiscoveryKeySource source) {
        if (source.settings.prefetch()) {
            try {
                source.discovered();
            } catch (VerificationUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "OIDC discovery of {0} failed at start; requests get 503 until "
                        + "it answers: {1}", source.issuer, e.getMessage());
            }
        }
        return source;
    }

    @Override
    public List<VerificationKey> keys() {
        return discovered().keys().keys();
    }

    @Override
    public boolean refreshForUnknownKeyId(String keyId) {
        return discovered().keys().refreshForUnknownKeyId(keyId);
    }

    @Override
    public long version() {
        Discovered now = current;
        return now == null ? 0 : (now.generation() << 40) ^ now.keys().version();
    }

    @Override
    public String describe() {
        Discovered now = current;
        return "OIDC discovery of " + issuer + (now == null ? "" : " (jwks_uri " + KeyLocation.redact(now.jwksUri().toString()) + ")");
    }

    @Override
    public Optional<KeySourceStatus> status() {
        Discovered now = current;
        if (now != null) {
            return now.keys().status().map(s -> new KeySourceStatus(describe(), s.state(), s.keyCount(),
                    s.lastSuccessfulRefresh(), s.keySetAge(), s.lastError(), s.fetchCount()));
        }
        String error = lastError;
        return Optional.of(new KeySourceStatus(describe(),
                error == null ? KeySourceStatus.State.NOT_LOADED : KeySourceStatus.State.UNAVAILABLE,
                0, Optional.empty(), Optional.empty(), Optional.ofNullable(error), 0));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Before the first successful discovery, reads the document on the background executor (at
     * most once per {@code unknownKidMinInterval} after a failure); afterwards, asks the current
     * JWKS client.
     */
    @Override
    public void requestRefresh() {
        Discovered now = current;
        if (now != null) {
            now.keys().requestRefresh();
            return;
        }
        if (closed || clock.instant().isBefore(retryNotBefore) || !firstDiscoveryRequested.compareAndSet(false, true)) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    discoverFirst().keys().requestRefresh();
                } catch (VerificationUnavailableException e) {
                    // recorded in lastError; status() reports it
                } finally {
                    firstDiscoveryRequested.set(false);
                }
            });
        } catch (RuntimeException e) {
            firstDiscoveryRequested.set(false); // executor shut down or saturated
        }
    }

    @Override
    public void close() {
        closed = true;
        Discovered now = current;
        if (now != null) {
            now.keys().close();
        }
        if (ownsExecutor && background instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }

    /** @return the current JWKS client, discovering it first if there is none; starts a due re-read */
    private Discovered discovered() {
        Discovered now = current;
        if (now == null) {
            return discoverFirst();
        }
        if (!clock.instant().isBefore(now.rediscoverAt()) && rediscovering.compareAndSet(false, true)) {
            try {
                background.execute(this::rediscover);
            } catch (RuntimeException e) { // executor shut down: the source is closing
                rediscovering.set(false);
            }
        }
        return now;
    }

    private Discovered discoverFirst() {
        synchronized (firstDiscovery) {
            Discovered now = current;
            if (now != null) {
                return now;
            }
            Instant at = clock.instant();
            if (at.isBefore(retryNotBefore)) {
                throw unavailable("OIDC discovery of " + issuer + " failed recently (" + lastError + "); next attempt in "
                        + Duration.between(at, retryNotBefore).toSeconds() + " s", Duration.between(at, retryNotBefore));
            }
            try {
                Discovered found = read(null);
                current = found;
                lastError = null;
                return found;
            } catch (IOException e) {
                lastError = e.getMessage();
                retryNotBefore = at.plus(settings.unknownKidMinInterval());
                throw unavailable("OIDC discovery of " + issuer + " failed: " + e.getMessage(), settings.unknownKidMinInterval());
            }
        }
    }

    private void rediscover() {
        try {
            Discovered old = current;
            if (closed || old == null) {
                return;
            }
            Discovered found = read(old);
            if (found != old) {
                current = found;
                if (found.keys() != old.keys()) {
                    LOG.log(System.Logger.Level.INFO, "OIDC discovery of {0}: jwks_uri changed to {1}", issuer,
                            KeyLocation.redact(found.jwksUri().toString()));
                    old.keys().close();
                }
            }
        } catch (IOException e) {
            Discovered old = current;
            if (old != null) { // keep the current keys; try again after the minimum lifetime
                current = new Discovered(old.jwksUri(), old.keys(), clock.instant().plus(settings.minCacheTtl()), old.generation());
            }
            LOG.log(System.Logger.Level.WARNING, "OIDC discovery of {0} failed; the keys of the last document are kept: {1}",
                    issuer, e.getMessage());
        } finally {
            rediscovering.set(false);
        }
    }

    /**
     * Reads and checks the document.
     *
     * @param previous the current state, or null on first discovery
     * @return the new state: {@code previous}'s JWKS client when the {@code jwks_uri} is unchanged
     */
    private Discovered read(Discovered previous) throws IOException {
        BoundedHttpFetcher.Document document = fetcher.get(documentUri);
        JsonObject metadata;
        try (JsonReader reader = Json.createReader(new StringReader(document.body()))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IOException("the discovery document at " + documentUri + " is not a JSON object");
            }
            metadata = value.asJsonObject();
        } catch (JsonException e) {
            throw new IOException("the discovery document at " + documentUri + " is not valid JSON");
        }
        String declaredIssuer = string(metadata, "issuer");
        if (!issuer.equals(declaredIssuer)) {
            // RFC 8414 section 3.3: a document for another issuer must not be used (no trimming, no case folding)
            throw new IOException("the discovery document at " + documentUri + " declares issuer "
                    + Printable.quoted(declaredIssuer) + ", not the configured '" + issuer + "'");
        }
        String jwks = string(metadata, "jwks_uri");
        URI jwksUri;
        try {
            jwksUri = URI.create(jwks);
        } catch (IllegalArgumentException e) {
            throw new IOException("the discovery document at " + documentUri + " has a jwks_uri that is not a URL");
        }
        if (!jwksUri.isAbsolute() || !JwksRules.isAcceptableUri(jwksUri)) {
            throw new IOException("the discovery document at " + documentUri + " has a jwks_uri that is not https "
                    + "(plain http only to loopback): " + KeyLocation.redact(jwks));
        }
        Instant rediscoverAt = clock.instant().plus(lifetime(document.maxAge()));
        if (previous != null && previous.jwksUri().equals(jwksUri)) {
            return new Discovered(jwksUri, previous.keys(), rediscoverAt, previous.generation());
        }
        JwksKeySource keys;
        try {
            keys = ownsExecutor ? JwksKeySource.create(jwksUri, settings, strength, clock)
                    : JwksKeySource.create(jwksUri, settings, strength, clock, background);
        } catch (IllegalArgumentException e) {
            throw new IOException("the discovery document at " + documentUri + " has an unusable jwks_uri: " + e.getMessage());
        }
        return new Discovered(jwksUri, keys, rediscoverAt, previous == null ? 1 : previous.generation() + 1);
    }

    private Duration lifetime(Optional<Duration> maxAge) {
        Duration wanted = maxAge.orElse(settings.defaultCacheTtl());
        if (wanted.compareTo(settings.minCacheTtl()) < 0) {
            return settings.minCacheTtl();
        }
        return wanted.compareTo(settings.maxCacheTtl()) > 0 ? settings.maxCacheTtl() : wanted;
    }

    private String string(JsonObject metadata, String member) throws IOException {
        JsonValue value = metadata.get(member);
        if (!(value instanceof JsonString text)) {
            throw new IOException("the discovery document at " + documentUri + " has no string '" + member + "'");
        }
        return text.getString();
    }

    private static VerificationUnavailableException unavailable(String message, Duration retryAfter) {
        return new VerificationUnavailableException(VerificationUnavailableException.Source.KEYS, message, null,
                retryAfter.isNegative() || retryAfter.isZero() ? Duration.ofSeconds(1) : retryAfter);
    }
}
