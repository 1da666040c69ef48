package io.jwtguard.core.keys;

import io.jwtguard.core.availability.VerificationUnavailableException;
import java.io.IOException;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A remote JWK Set that survives rotation and outages.
 *
 * <ul>
 *   <li><b>Cache</b>: the set lives for the server's {@code Cache-Control: max-age}, clamped to
 *       [{@code minCacheTtl}, {@code maxCacheTtl}] ({@code defaultCacheTtl} without one), and is
 *       refreshed in the background {@code refreshAhead} before it expires, so requests do not
 *       wait for routine refreshes.</li>
 *   <li><b>Rotation</b>: a token with an unknown {@code kid} asks for a refresh that is
 *       single-flight (concurrent misses cause one fetch) and rate-limited by a token bucket:
 *       {@link #UNKNOWN_KID_BURST} refreshes at once, refilled at one per
 *       {@code unknownKidMinInterval}, so an issuer that signs with a new key from its first
 *       token on costs no request a rejection, and a flood of random kids costs at most one
 *       fetch per interval on average. A {@code kid} still absent after a successful fresh fetch
 *       is refused ({@link #refreshForUnknownKeyId} returns false) and not looked for again for
 *       {@code unknownKidNegativeTtl}. When the refresh is rate-limited or fails, we cannot
 *       tell whether the key exists: {@link VerificationUnavailableException} (HTTP 503 with
 *       {@code Retry-After}), never a token rejection.</li>
 *   <li><b>Outages</b>: when refreshing fails, the last good set keeps serving for
 *       {@code staleIfError} past its expiry; after that, {@link #keys()} throws
 *       {@link VerificationUnavailableException} (HTTP 503 at the edge), never a token rejection.
 *       Failed fetches are retried at most once per {@code unknownKidMinInterval}.</li>
 *   <li><b>Transport</b>: https only (plain http only to loopback, for tests); connect timeout;
 *       one deadline for the whole response; body size cap; no redirects.</li>
 *   <li><b>Hygiene</b>: {@link KeyMaterial} drops keys whose {@code use}, {@code key_ops} or
 *       {@code alg} forbid verification, symmetric keys, keys with private parts and duplicate
 *       kids; {@link KeyStrengthPolicy} drops weak keys; each with a warning naming the
 *       {@code kid}, once per {@code kid} and reason for this source (later fetches say it at
 *       debug level). A set that ends up empty counts as a failed fetch.</li>
 *   <li><b>Credentials</b>: the location may carry credentials in its query or user-info; logs,
 *       messages, {@link #describe()}, {@link #status()} and {@link #toString()} show it
 *       {@link KeyLocation#redact redacted}.</li>
 * </ul>
 *
 * <p>Time comes from the injected clock; background refreshes run on the injected executor.
 * Thread-safe. {@link #close()} stops the executor this source created itself, and returns once its
 * thread has ended (a container looks for an application's threads right after it stopped).
 */
public final class JwksKeySource implements KeySource {
    private static final System.Logger LOG = System.getLogger(JwksKeySource.class.getName());
    /**
     * How many refreshes for unknown {@code kid}s may happen at once (the bucket's size); the
     * bucket refills at one per {@code unknownKidMinInterval}.
     */
    public static final int UNKNOWN_KID_BURST = 3;

    private final URI uri;
    /** The location without query and user-info, for everything that describes it. */
    private final String description;
    private final IgnoredKeyWarnings ignoredKeys = IgnoredKeyWarnings.oncePerKey();
    private final JwksSettings settings;
    private final KeyStrengthPolicy strength;
    private final Clock clock;
    private final Executor background;
    /** The factory of the executor's threads when this source made the executor (close() stops it); else null. */
    private final OwnThreads ownThreads;
    private final BoundedHttpFetcher fetcher;
    private final Object fetchLock = new Object();
    private final AtomicLong fetchCount = new AtomicLong();
    private final AtomicLong version = new AtomicLong();
    private final AtomicBoolean backgroundInFlight = new AtomicBoolean();
    /** Unknown-kid refreshes: rate limit and negative cache (guarded by fetchLock except knownAbsent). */
    private final UnknownKeyIdThrottle unknownKids;

    private volatile Snapshot snapshot;
    private volatile Instant lastAttempt;
    private volatile Instant lastSuccess;
    private volatile String lastError;

    /** @param refreshAt when a background refresh starts (refresh-ahead, capped at half the lifetime) */
    private record Snapshot(List<VerificationKey> keys, Instant fetchedAt, Instant expiresAt, Instant refreshAt) {
    }

    private JwksKeySource(URI uri, JwksSettings settings, KeyStrengthPolicy strength, Clock clock,
            Executor background, OwnThreads ownThreads) {
        this.uri = uri;
        this.description = KeyLocation.redact(uri.toString());
        this.settings = settings;
        this.strength = strength;
        this.clock = clock;
        this.background = background;
        this.ownThreads = ownThreads;
        this.unknownKids = new UnknownKeyIdThrottle(UNKNOWN_KID_BURST, settings.unknownKidMinInterval(),
                settings.unknownKidNegativeTtl());
        this.fetcher = new BoundedHttpFetcher(settings.connectTimeout(), settings.readTimeout(),
                settings.maxResponseBytes());
    }

    /**
     * Creates a source with its own single daemon thread for background refreshes.
     *
     * @throws IllegalArgumentException if the URI is not https (or http to loopback)
     */
    public static JwksKeySource create(URI uri, JwksSettings settings, KeyStrengthPolicy strength, Clock clock) {
        OwnThreads threads = new OwnThreads("jwtguard-jwks-refresh");
        ExecutorService executor = Executors.newSingleThreadExecutor(threads);
        return start(new JwksKeySource(JwksRules.checkedUri(uri), settings, strength, clock, executor, threads));
    }

    /**
     * Creates a source whose background refreshes run on {@code background} (tests pass a
     * direct executor to make them deterministic).
     *
     * @throws IllegalArgumentException if the URI is not https (or http to loopback)
     */
    public static JwksKeySource create(URI uri, JwksSettings settings, KeyStrengthPolicy strength, Clock clock,
            Executor background) {
        return start(new JwksKeySource(JwksRules.checkedUri(uri), Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(strength, "strength"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(background, "background"), null));
    }

    private static JwksKeySource start(JwksKeySource source) {
        if (source.settings.prefetch()) {
            try {
                source.refreshNow();
            } catch (VerificationUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "JWKS prefetch from {0} failed; will retry on first use: {1}",
                        source.description, e.getMessage());
            }
        }
        return source;
    }

    /** @return whether {@code uri} is https, or http to a loopback host */
    public static boolean isAcceptableUri(URI uri) {
        return JwksRules.isAcceptableUri(uri);
    }

    @Override
    public List<VerificationKey> keys() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.expiresAt())) {
            if (!now.isBefore(current.refreshAt())) {
                refreshInBackground();
            }
            return current.keys();
        }
        synchronized (fetchLock) {
            current = snapshot;
            now = clock.instant();
            if (current != null && now.isBefore(current.expiresAt())) {
                return current.keys(); // another thread refreshed while we waited
            }
            if (!recentlyFailed(now)) {
                try {
                    return fetch(now).keys();
                } catch (IOException | IllegalArgumentException e) {
                    // fall through to stale-if-error
                }
            }
            return staleOrFail(current, now);
        }
    }

    /**
     * Fetches now, whatever the cache says (still single-flight).
     *
     * @throws VerificationUnavailableException if the fetch fails
     */
    public void refreshNow() {
        synchronized (fetchLock) {
            try {
                fetch(clock.instant());
            } catch (IOException | IllegalArgumentException e) {
                throw new VerificationUnavailableException(VerificationUnavailableException.Source.KEYS,
                        "JWKS at " + description + " is unavailable: " + e.getMessage(),
                        e);
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Refuses to answer rather than guess: returns false (the caller rejects the token) only
     * when a successful fetch that started after the request arrived lacks the {@code kid}, or a
     * recent one did ({@code unknownKidNegativeTtl}); throws when it could not look.
     *
     * @throws VerificationUnavailableException if the refresh is rate-limited (with a retry-after
     *     hint: when the bucket allows the next one) or fails
     */
    @Override
    public boolean refreshForUnknownKeyId(String keyId) {
        Instant now = clock.instant();
        if (unknownKids.knownAbsent(keyId, now)) {
            return false; // a fresh fetch lacked it a moment ago
        }
        long attemptsBefore = fetchCount.get();
        synchronized (fetchLock) {
            if (fetchCount.get() != attemptsBefore) {
                // single flight: a fetch started while we waited, and its outcome answers us too
                if (lastError != null) {
                    throw lookupFailed(null);
                }
                return contains(keyId);
            }
            now = clock.instant();
            if (contains(keyId)) {
                return true; // a fetch that was under way when we arrived brought it
            }
            if (unknownKids.knownAbsent(keyId, now)) {
                return false; // ... or looked for this kid and lacked it
            }
            if (recentlyFailed(now)) {
                throw lookupFailed(null);
            }
            Duration wait = unknownKids.waitBeforeRefresh(now);
            if (!wait.isZero()) {
                throw new VerificationUnavailableException(VerificationUnavailableException.Source.KEYS,
                        "JWKS at " + description + ": a token names a kid that the "
                        + "key set lacks, and refreshes for unknown kids are rate-limited; cannot tell yet whether "
                        + "the key exists", null, wait);
            }
            unknownKids.refreshStarted(now);
            try {
                fetch(now);
            } catch (IOException | IllegalArgumentException e) {
                throw lookupFailed(e);
            }
            boolean found = contains(keyId);
            if (!found) {
                unknownKids.absentAfterFetch(keyId, now);
            }
            return found;
        }
    }

    private VerificationUnavailableException lookupFailed(Exception cause) {
        return new VerificationUnavailableException(VerificationUnavailableException.Source.KEYS,
                "JWKS at " + description + " is unavailable, so a token's unknown "
                + "kid cannot be looked up" + (lastError == null ? "" : ": " + lastError), cause);
    }

    @Override
    public long version() {
        return version.get();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Optional<KeySourceStatus> status() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        KeySourceStatus.State state;
        if (current == null) {
            state = lastAttempt == null ? KeySourceStatus.State.NOT_LOADED : KeySourceStatus.State.UNAVAILABLE;
        } else if (now.isBefore(current.expiresAt())) {
            state = KeySourceStatus.State.FRESH;
        } else if (now.isBefore(current.expiresAt().plus(settings.staleIfError()))) {
            state = KeySourceStatus.State.STALE;
        } else {
            state = KeySourceStatus.State.UNAVAILABLE;
        }
        // a set past its stale bound is kept (its age stays visible) but serves no key
        int served = current == null || state == KeySourceStatus.State.UNAVAILABLE ? 0 : current.keys().size();
        return Optional.of(new KeySourceStatus(description, state, served,
                Optional.ofNullable(lastSuccess),
                current == null ? Optional.empty() : Optional.of(Duration.between(current.fetchedAt(), now)),
                Optional.ofNullable(lastError), fetchCount.get()));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Starts a background refresh when no key set was loaded yet or the current one is due for
     * refresh (refresh-ahead point passed); failed fetches are retried at most once per
     * {@code unknownKidMinInterval}, as for requests.
     */
    @Override
    public void requestRefresh() {
        Snapshot current = snapshot;
        if (current == null || !clock.instant().isBefore(current.refreshAt())) {
            refreshInBackground();
        }
    }

    /** @return how many fetches were attempted since creation */
    public long fetchCount() {
        return fetchCount.get();
    }

    @Override
    public String toString() {
        return "JwksKeySource[" + description + "]";
    }

    @Override
    public void close() {
        if (ownThreads != null) {
            ownThreads.stop((ExecutorService) background); // the refresh thread has ended when this returns
        }
        fetcher.close();
    }

    private void refreshInBackground() {
        if (!backgroundInFlight.compareAndSet(false, true)) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    synchronized (fetchLock) {
                        Instant now = clock.instant();
                        Snapshot current = snapshot;
                        if (current != null && now.isBefore(current.refreshAt())) {
                            return; // already refreshed
                        }
                        if (!recentlyFailed(now)) {
                            fetch(now);
                        }
                    }
                } catch (IOException | IllegalArgumentException e) {
                    // recorded in lastError; the current set keeps serving
                } finally {
                    backgroundInFlight.set(false);
                }
            });
        } catch (RuntimeException e) {
            backgroundInFlight.set(false); // executor shut down or saturated
        }
    }

    private boolean recentlyFailed(Instant now) {
        return lastError != null && lastAttempt != null
                && now.isBefore(lastAttempt.plus(settings.unknownKidMinInterval()));
    }

    private List<VerificationKey> staleOrFail(Snapshot current, Instant now) {
        if (current != null && now.isBefore(current.expiresAt().plus(settings.staleIfError()))) {
            return current.keys();
        }
        throw new VerificationUnavailableException(VerificationUnavailableException.Source.KEYS,
                "JWKS at " + description + " is unavailable"
                + (current == null ? "" : " and the last good key set is past its stale bound")
                + (lastError == null ? "" : ": " + lastError), null);
    }

    /** Must hold fetchLock. */
    private Snapshot fetch(Instant now) throws IOException {
        lastAttempt = now;
        fetchCount.incrementAndGet();
        try {
            BoundedHttpFetcher.Document document = fetcher.get(uri);
            List<VerificationKey> keys = strength.filter(
                    KeyMaterial.parsePublicKeys(document.body(), description, ignoredKeys), description, ignoredKeys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("no usable key in the JWK Set at " + description);
            }
            Instant expiresAt = now.plus(JwksRules.cacheTtl(document.maxAge(), settings));
            Snapshot previous = snapshot;
            Snapshot next = new Snapshot(keys, now, expiresAt, JwksRules.refreshAt(now, expiresAt,
                    settings.refreshAhead()));
            if (previous == null || !JwksRules.sameKeys(previous.keys(), keys)) {
                version.incrementAndGet();
                unknownKids.keysChanged();
            }
            snapshot = next;
            lastSuccess = now;
            lastError = null;
            return next;
        } catch (IOException | IllegalArgumentException e) {
            lastError = e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "JWKS refresh from {0} failed: {1}", description, e.getMessage());
            throw e;
        }
    }

    private boolean contains(String keyId) {
        Snapshot current = snapshot;
        return current != null && current.keys().stream().anyMatch(k -> k.keyId().filter(keyId::equals).isPresent());
    }
}
