package io.jwtguard.runtime.http;

/**
 * Finds the bearer token of a request: the runtime's token transport. The built-in one is
 * {@link TokenExtractor} ({@code Authorization: Bearer}, a cookie, or a custom header, as
 * {@code mp.jwt.token.header} and {@code mp.jwt.token.cookie} say). An application with another
 * transport names its own implementation in {@code jwtguard.token.resolver}; the rest of the
 * pipeline (verification, cache, events, metrics, 401/403) is unchanged.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>a public no-argument constructor (they are created once per application), immutable and
 *       thread-safe;</li>
 *   <li>answer {@link Extraction#multiple()} when the request carries more than one token (RFC
 *       6750 section 2: one method, one token), {@link Extraction#none()} when it carries none;</li>
 *   <li>never read the query string or the body (RFC 6750 section 2.3: such tokens leak through
 *       logs and {@code Referer}), and never log the token.</li>
 * </ul>
 */
@FunctionalInterface
public interface TokenResolver {
    /**
     * @param request the request, not null
     * @return what the request carries, never null
     */
    Extraction extract(RequestView request);
}
