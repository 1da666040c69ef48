package io.jwtguard.runtime.guard;

/**
 * Read-only counts of one application's JWT Guard, as a JMX MXBean registered under
 * {@code io.jwtguard:type=Guard,application=<context root>} ({@link GuardStatistics}) while the
 * application is deployed. Counts only: no token, claim, key or subject is ever exposed. Meant for
 * soak tests and operators who watch for growth (jconsole, {@code jcmd}-attached clients).
 *
 * <p>A value of {@code -1} means "not observable here" (the part is off, or lives in a database
 * that is observed with SQL instead). Every getter is cheap except
 * {@link #getRevocationEntries()} with a JDBC store (one query).
 */
public interface GuardStatisticsMXBean {
    /** @return verified tokens in the verifier's cache now (approximately); 0 when the cache is off */
    long getVerifiedTokenCacheSize();

    /** @return DPoP proofs in this node's replay cache; -1 when it is shared in a database */
    long getReplayCacheEntries();

    /**
     * @return revocation entries (revoked {@code jti}s, grants, subject cut-offs) in the token
     *     service's store; -1 without the token service or while its store cannot be read
     */
    long getRevocationEntries();

    /** @return refresh tokens in the in-memory store, rotated ones included; -1 without the token service or with a database */
    long getRefreshTokenEntries();

    /** @return requests refused since deployment (a bad or missing token, a missing role), all reasons together */
    long getRefusals();

    /** @return requests answered "unavailable" (503) since deployment, all sources together */
    long getUnavailable();
}
