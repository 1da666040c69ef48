package io.jwtguard.runtime.http;

import io.jwtguard.core.config.TokenTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The built-in {@link TokenResolver}: finds the bearer token of a request, following the configured
 * {@link TokenTransport}
 * ({@code mp.jwt.token.header} and {@code mp.jwt.token.cookie}):
 * <ul>
 *   <li>{@code Authorization} (default): {@code Authorization: Bearer <token>}, the scheme
 *       matched case-insensitively (RFC 7235, section 2.1); {@code Authorization: DPoP <token>}
 *       (RFC 9449 section 7.1) is found too, as a {@link Extraction#dpop() DPoP} token, whatever the
 *       transport (the {@link RequestAuthenticator} refuses it when DPoP is off); other schemes such
 *       as {@code Basic} are not ours and are ignored.</li>
 *   <li>{@code Cookie}: the cookie named by the transport, parsed from every {@code Cookie}
 *       header line (RFC 6265, section 5.4), quotes around the value removed.</li>
 *   <li>any other header name: its value is the token, an optional {@code Bearer } prefix
 *       removed.</li>
 * </ul>
 * With a cookie or custom header configured, {@code Authorization: Bearer} alone is not read.
 * A request that carries more than one token (two header lines, two cookies of the name, a
 * comma-joined header, or a token both in the configured cookie or custom header and in
 * {@code Authorization: Bearer}) is {@link Extraction.Kind#MULTIPLE}: RFC 6750, section 2, allows one
 * method and one token per request. The query string and the body are never read (RFC 6750
 * section 2.3 tokens leak through logs and {@code Referer}).
 *
 * <p>Immutable and thread-safe.
 */
public final class TokenExtractor implements TokenResolver {
    private static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "bearer";
    private static final String DPOP = "dpop";

    private final TokenTransport transport;
    /** The default transport, decided once: only {@code Authorization: Bearer} is read. */
    private final boolean authorizationOnly;

    /** @param transport where tokens travel, not null */
    public TokenExtractor(TokenTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.authorizationOnly = !transport.usesCookie() && transport.headerName().equalsIgnoreCase(AUTHORIZATION);
    }

    /** @return the transport this extractor follows */
    public TokenTransport transport() {
        return transport;
    }

    /**
     * @param request the request, not null
     * @return the finding, never null
     */
    @Override
    public Extraction extract(RequestView request) {
        List<String> authorizationHeaders = request.headerValues(AUTHORIZATION);
        if (authorizationOnly && authorizationHeaders.isEmpty()) {
            return Extraction.none(); // a request without a token: the short path, nothing allocated
        }
        List<Found> authorization = new ArrayList<>(2);
        authorizationTokens(authorizationHeaders, authorization);
        if (authorizationOnly) {
            return finding(authorization);
        }
        List<Found> found = new ArrayList<>(2);
        if (transport.usesCookie()) {
            List<String> values = new ArrayList<>(2);
            cookieValues(request.headerValues("Cookie"), transport.cookieName(), values);
            values.forEach(value -> found.add(new Found(value, false)));
        } else {
            for (String value : request.headerValues(transport.headerName())) {
                String token = stripBearerPrefix(value.strip());
                if (token.indexOf(',') >= 0) {
                    return Extraction.multiple();
                }
                found.add(new Found(token, false));
            }
        }
        if (found.isEmpty()) {
            // Authorization: Bearer is not the configured transport: not read, so not a token; DPoP
            // travels only in Authorization (RFC 9449 section 7.1), so it is read whatever the transport
            authorization.removeIf(f -> !f.dpop());
            return finding(authorization);
        }
        // a token in the configured place and another in Authorization: two methods at once
        found.addAll(authorization);
        return finding(found);
    }

    /** One credential found: the token, and whether it came with the DPoP scheme. */
    private record Found(String token, boolean dpop) {
        @Override
        public String toString() {
            return "Found[" + (dpop ? "DPoP" : "Bearer") + "]";
        }
    }

    private static Extraction finding(List<Found> found) {
        if (found.size() > 1) {
            return Extraction.multiple();
        }
        if (found.isEmpty()) {
            return Extraction.none();
        }
        Found one = found.get(0);
        return one.dpop() ? Extraction.ofDPoP(one.token()) : Extraction.of(one.token());
    }

    private static void authorizationTokens(List<String> values, List<Found> found) {
        for (String value : values) {
            String header = value.strip();
            int space = firstWhitespace(header);
            int end = space < 0 ? header.length() : space;
            boolean dpop = isScheme(header, end, DPOP);
            if (!dpop && !isScheme(header, end, BEARER)) {
                continue;
            }
            String credentials = space < 0 ? "" : header.substring(space).strip();
            if (credentials.indexOf(',') >= 0) {
                // "Bearer a, Bearer b": header lines joined by a proxy, or two credentials in one line
                found.add(new Found("", false));
                found.add(new Found("", false));
                return;
            }
            found.add(new Found(credentials, dpop));
        }
    }

    private static void cookieValues(List<String> headers, String cookieName, List<String> found) {
        for (String header : headers) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals < 0) {
                    continue;
                }
                if (pair.substring(0, equals).strip().equals(cookieName)) {
                    String value = pair.substring(equals + 1).strip();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    found.add(value);
                }
            }
        }
    }

    private static String stripBearerPrefix(String value) {
        int space = firstWhitespace(value);
        if (space > 0 && isBearerScheme(value, space)) {
            return value.substring(space).strip();
        }
        return value;
    }

    /** @return whether {@code text[0, end)} is the scheme name {@code Bearer}, in any case */
    private static boolean isBearerScheme(String text, int end) {
        return isScheme(text, end, BEARER);
    }

    /** @return whether {@code text[0, end)} is the scheme name {@code scheme}, in any case (RFC 7235 section 2.1) */
    private static boolean isScheme(String text, int end, String scheme) {
        return end == scheme.length() && text.regionMatches(true, 0, scheme, 0, end);
    }

    private static int firstWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "TokenExtractor[" + transport + "]";
    }
}
