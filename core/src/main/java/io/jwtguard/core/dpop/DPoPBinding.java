package io.jwtguard.core.dpop;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * Reads an access token's DPoP binding: the {@code jkt} member of its {@code cnf} claim (RFC 9449
 * section 6.1, RFC 7800). Stateless.
 */
public final class DPoPBinding {
    private DPoPBinding() {
    }

    /**
     * @param claims the verified token's claims, not null
     * @return whether the token is bound to a DPoP key: its {@code cnf} is an object with a {@code jkt}
     *     member, whatever that member's type (a malformed binding is still a binding, never a bearer token)
     */
    public static boolean isBound(JsonObject claims) {
        JsonValue cnf = claims.get("cnf");
        return cnf instanceof JsonObject && ((JsonObject) cnf).containsKey("jkt");
    }

    /**
     * @param claims the verified token's claims, not null
     * @return the {@code cnf.jkt} thumbprint, empty when the token is not bound or the member is not a string
     */
    public static Optional<String> thumbprint(JsonObject claims) {
        JsonValue cnf = claims.get("cnf");
        if (!(cnf instanceof JsonObject)) {
            return Optional.empty();
        }
        JsonValue jkt = ((JsonObject) cnf).get("jkt");
        return jkt instanceof JsonString ? Optional.of(((JsonString) jkt).getString()) : Optional.empty();
    }
}
