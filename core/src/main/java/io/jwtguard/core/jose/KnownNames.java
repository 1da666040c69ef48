package io.jwtguard.core.jose;

import java.util.ArrayList;
import java.util.List;

/**
 * The member names that nearly every JOSE header and JWT claims set uses, as shared constants:
 * the parser returns these instead of allocating a new string, and map lookups with the same
 * literal then succeed on identity. Purely an optimisation: a name not listed here is parsed
 * normally.
 *
 * <p>Immutable and thread-safe.
 */
final class KnownNames {
    private static final String[] NAMES = {
        // JOSE header (RFC 7515, RFC 7516)
        "alg", "kid", "typ", "cty", "crit", "b64", "jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256", "zip", "enc",
        // registered claims (RFC 7519) and MicroProfile JWT
        "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "upn", "groups", "preferred_username",
        // claims that access tokens commonly carry (RFC 9068, RFC 8693, OpenID Connect)
        "scope", "scp", "client_id", "azp", "auth_time", "sid", "nonce", "acr", "amr", "roles", "email",
        "name", "tid", "realm_access", "resource_access", "act", "cnf",
        // JSON Web Key members (RFC 7517, RFC 7518, RFC 8037)
        "kty", "use", "key_ops", "keys", "n", "e", "crv", "x", "y",
    };
    /** Names by length; each list is short, so a linear byte comparison is the whole lookup. */
    private static final String[][] BY_LENGTH;

    static {
        int longest = 0;
        for (String name : NAMES) {
            longest = Math.max(longest, name.length());
        }
        List<List<String>> byLength = new ArrayList<>();
        for (int i = 0; i <= longest; i++) {
            byLength.add(new ArrayList<>());
        }
        for (String name : NAMES) {
            byLength.get(name.length()).add(name);
        }
        BY_LENGTH = new String[longest + 1][];
        for (int i = 0; i <= longest; i++) {
            BY_LENGTH[i] = byLength.get(i).toArray(new String[0]);
        }
    }

    private KnownNames() {
    }

    /** @return the shared constant spelled by the ASCII bytes {@code in[from, to)}, or null */
    static String find(byte[] in, int from, int to) {
        int length = to - from;
        if (length >= BY_LENGTH.length) {
            return null;
        }
        candidates:
        for (String name : BY_LENGTH[length]) {
            for (int i = 0; i < length; i++) {
                if (in[from + i] != name.charAt(i)) {
                    continue candidates;
                }
            }
            return name;
        }
        return null;
    }
}
