package io.jwtguard.core.keys;

import io.jwtguard.core.availability.VerificationUnavailableException;
import java.util.List;
import java.util.Optional;

/**
 * Supplies the verification keys that configuration trusts. A token never adds to them: its
 * {@code kid} only selects among what this source returns, and at most asks the source to
 * look for new keys, which the source rate-limits.
 *
 * <p>Implementations must be thread-safe and cheap to call on every verification (cache what
 * they load). A source that owns threads or connections releases them in {@link #close()}, which
 * the owner of the configuration calls when the application stops (undeployment).
 */
public interface KeySource extends AutoCloseable {

    /**
     * Also called on every hit of the verified-token cache, so a source whose keys expire can
     * start a refresh when one is due (and a key the issuer removed stops verifying cached tokens).
     *
     * @return the trusted keys, never null; may be empty only if the source holds no usable key
     * @throws VerificationUnavailableException if the keys cannot be obtained right now
     */
    List<VerificationKey> keys();

    /**
     * @return a description for logs and posture findings (a location without credentials, never
     *     key material)
     */
    String describe();

    /**
     * Called when a token names a {@code kid} that no current key answers to: a source that can
     * refresh (a JWKS endpoint) may look for new keys, single-flight and rate-limited, so that a
     * flood of unknown kids never amplifies into fetches.
     *
     * <p>Returning false means "this source does not have the key" (the token is refused with
     * 401); a source that could not look (rate-limited, or the fetch failed) must throw instead,
     * because it cannot tell whether the key exists.
     *
     * @param keyId the unknown {@code kid}, not null
     * @return true if the key set changed and the caller should look again
     * @throws VerificationUnavailableException if the source could not look for the key now
     */
    default boolean refreshForUnknownKeyId(String keyId) {
        return false;
    }

    /**
     * @return a number that changes whenever the served key set changes (for caches of verified
     *     tokens); constant for fixed sources
     */
    default long version() {
        return 0;
    }

    /**
     * The keys this source will always serve, when it knows them up front. The configuration's
     * checks use them whatever the source's class: the posture check (weak RSA keys, short HMAC
     * secrets), the absolute key-strength floor, the default algorithms and the check that some
     * key fits an allowed algorithm. A source whose keys are only known at run time (a JWKS
     * endpoint) returns empty; its keys are held to the same strength policy when they are used.
     *
     * @return the fixed keys, or empty when they are only known at run time; never null
     */
    default Optional<List<VerificationKey>> fixedKeys() {
        return Optional.empty();
    }

    /**
     * Releases the threads and connections this source owns; the source is not used afterwards.
     * Idempotent; never throws. Nothing to do for fixed keys (the default).
     */
    @Override
    default void close() {
    }

    /** @return the source's health, or empty when it has nothing to report (fixed keys) */
    default Optional<KeySourceStatus> status() {
        return Optional.empty();
    }

    /**
     * Asks a source whose keys are missing or due for a refresh to load them on its own
     * background thread. Never fetches in the caller's thread and never blocks; a source that
     * failed recently does not try again before its retry interval. For health checks: a
     * readiness probe that only read {@link #status()} would keep an idle application (no
     * traffic, because it is not ready) not ready for ever. Nothing to do for fixed keys (the
     * default).
     */
    default void requestRefresh() {
    }
}
