package io.jwtguard.core.keys;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Says why a published key is ignored: the first time per {@code kid} and reason as a warning,
 * every later time at debug level. A key source that re-reads the same document (a JWKS
 * refreshed every few minutes, with for example Keycloak's encryption key in it) therefore
 * warns once per key and not on every fetch.
 *
 * <p>Memory is bounded: at most {@link #MAX_REMEMBERED} (kid, reason) pairs are remembered; past
 * that, one warning says so and unseen pairs are logged at debug level. Thread-safe.
 */
final class IgnoredKeyWarnings {
    /** How many (kid, reason) pairs one source remembers. */
    static final int MAX_REMEMBERED = 1_000;

    private final boolean remember;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean capReported = new AtomicBoolean();

    private IgnoredKeyWarnings(boolean remember) {
        this.remember = remember;
    }

    /** @return warnings for a source that reads its document repeatedly: once per kid and reason */
    static IgnoredKeyWarnings oncePerKey() {
        return new IgnoredKeyWarnings(true);
    }

    /** @return warnings for a document read once (configuration): every ignored key warns */
    static IgnoredKeyWarnings always() {
        return new IgnoredKeyWarnings(false);
    }

    /**
     * Logs one ignored key through {@code log}.
     *
     * @param reason a fixed text per kind of reason (also the deduplication key with the kid)
     * @param pattern a {@link java.text.MessageFormat} pattern
     * @param parameters its parameters; never key material
     */
    void ignored(System.Logger log, String kid, String reason, String pattern, Object... parameters) {
        log.log(firstTime(kid, reason) ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG, pattern,
                parameters);
    }

    /** @return how many (kid, reason) pairs are remembered now */
    int rememberedCount() {
        return warned.size();
    }

    private boolean firstTime(String kid, String reason) {
        if (!remember) {
            return true;
        }
        String key = reason + '\u0000' + (kid == null ? "" : kid);
        if (warned.contains(key)) {
            return false;
        }
        if (warned.size() >= MAX_REMEMBERED) {
            if (capReported.compareAndSet(false, true)) {
                System.getLogger(IgnoredKeyWarnings.class.getName()).log(System.Logger.Level.WARNING,
                        "More than {0} ignored keys in one key source; further ones are logged at debug level",
                        MAX_REMEMBERED);
            }
            return false;
        }
        return warned.add(key);
    }
}
