package io.jwtguard.core.keys;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The JWKS client's pure rules: which key locations are acceptable, how long a fetched key set is
 * cached and when it is refreshed ahead of expiry, and whether a fetch changed the set. Stateless.
 */
final class JwksRules {
    private JwksRules() {
    }

    /** @return whether {@code uri} is https, or http to a loopback host */
    static boolean isAcceptableUri(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return uri.getHost() != null;
        }
        if (!scheme.equals("http") || uri.getHost() == null) {
            return false;
        }
        if (uri.getHost().equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(uri.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** @return {@code uri}, if acceptable; otherwise IllegalArgumentException naming it (redacted) */
    static URI checkedUri(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (!isAcceptableUri(uri)) {
            throw new IllegalArgumentException("JWKS location " + KeyLocation.redact(uri.toString())
                    + " must be https (plain http only to loopback)");
        }
        return uri;
    }

    /** @return the response's max-age (or the default) clamped to the configured bounds */
    static Duration cacheTtl(Optional<Duration> maxAge, JwksSettings settings) {
        Duration ttl = maxAge.orElse(settings.defaultCacheTtl());
        if (ttl.compareTo(settings.minCacheTtl()) < 0) {
            return settings.minCacheTtl();
        }
        return ttl.compareTo(settings.maxCacheTtl()) > 0 ? settings.maxCacheTtl() : ttl;
    }

    /** @return when a background refresh starts: {@code refreshAhead} before expiry, at most half the lifetime */
    static Instant refreshAt(Instant fetchedAt, Instant expiresAt, Duration refreshAhead) {
        Duration lifetime = Duration.between(fetchedAt, expiresAt);
        Duration ahead = refreshAhead.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : refreshAhead;
        return expiresAt.minus(ahead);
    }

    /** @return whether both sets hold the same keys (id, algorithms, encoding) in the same order */
    static boolean sameKeys(List<VerificationKey> a, List<VerificationKey> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            VerificationKey x = a.get(i);
            VerificationKey y = b.get(i);
            if (!x.keyId().equals(y.keyId()) || !x.algorithms().equals(y.algorithms())
                    || !Arrays.equals(x.key().getEncoded(), y.key().getEncoded())) {
                return false;
            }
        }
        return true;
    }
}
