package io.jwtguard.core.config;

/**
 * Every configuration property, named once. The README's configuration table lists the same
 * names with their defaults.
 */
public final class ConfigProperties {
    // MicroProfile JWT 2.1
    /** Inline public key(s): PEM, JWK, JWK Set, or their base64/base64url encoding. */
    public static final String MP_PUBLIC_KEY = "mp.jwt.verify.publickey";
    /** Location of the public key(s): classpath resource, file, or http(s) URL. */
    public static final String MP_PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    /** The signature algorithm (RS256 or ES256 in the specification; any supported one here). */
    public static final String MP_PUBLIC_KEY_ALGORITHM = "mp.jwt.verify.publickey.algorithm";
    /** The exact expected {@code iss}. */
    public static final String MP_ISSUER = "mp.jwt.verify.issuer";
    /** Comma-separated accepted audiences; a token must name at least one. */
    public static final String MP_AUDIENCES = "mp.jwt.verify.audiences";
    /** Clock skew in seconds. */
    public static final String MP_CLOCK_SKEW = "mp.jwt.verify.clock.skew";
    /** Maximum age of a token ({@code now - iat}) in seconds. */
    public static final String MP_TOKEN_AGE = "mp.jwt.verify.token.age";
    /** The request header that carries the token: {@code Authorization} or {@code Cookie}. */
    public static final String MP_TOKEN_HEADER = "mp.jwt.token.header";
    /** The cookie that carries the token when {@link #MP_TOKEN_HEADER} is {@code Cookie}. */
    public static final String MP_TOKEN_COOKIE = "mp.jwt.token.cookie";
    /** Location of the RSA private key(s) for JWE decryption. */
    public static final String MP_DECRYPT_KEY_LOCATION = "mp.jwt.decrypt.key.location";
    /** The JWE key management algorithm: RSA-OAEP or RSA-OAEP-256. */
    public static final String MP_DECRYPT_KEY_ALGORITHM = "mp.jwt.decrypt.key.algorithm";

    // JWT Guard
    /** {@code hardened} (default) or {@code mp-compat}. */
    public static final String PROFILE = "jwtguard.profile";
    /** Comma-separated allowed JWS algorithms; overrides {@link #MP_PUBLIC_KEY_ALGORITHM}. */
    public static final String ALGORITHMS = "jwtguard.algorithms";
    /** Maximum {@code exp - iat}: seconds, an ISO-8601 duration, or {@code unbounded}. */
    public static final String MAX_LIFETIME = "jwtguard.token.max-lifetime";
    /** Upper bound on the clock skew: seconds or an ISO-8601 duration. */
    public static final String MAX_CLOCK_SKEW = "jwtguard.clock-skew.max";
    /** Comma-separated claims every token must carry. */
    public static final String REQUIRED_CLAIMS = "jwtguard.required-claims";
    /** Comma-separated accepted {@code typ} values (the {@code application/} prefix is optional). */
    public static final String TOKEN_TYPES = "jwtguard.token.types";
    /** Whether {@code typ} must be present. */
    public static final String TOKEN_TYPE_REQUIRED = "jwtguard.token.type-required";
    /**
     * Whether tokens of another kind are refused by their claims (ID-token-only claims, a payload
     * {@code typ} or {@code token_use} naming another kind); {@code true} by default.
     */
    public static final String TOKEN_KIND_CHECK = "jwtguard.token.kind-check";
    /**
     * Comma-separated dot paths of the claims holding the groups, for example
     * {@code realm_access.roles,resource_access.orders.roles}; the groups are their union.
     */
    public static final String GROUPS_CLAIM = "jwtguard.groups.claim-path";
    /**
     * Comma-separated group names dropped from the groups; an entry ending with {@code *} is a
     * prefix pattern, for example {@code default-roles-*,offline_access,uma_authorization}.
     */
    public static final String GROUPS_EXCLUDE = "jwtguard.groups.exclude";
    /** Comma-separated claims naming the principal, first string present wins; {@code upn,preferred_username,sub}. */
    public static final String PRINCIPAL_CLAIMS = "jwtguard.principal-claims";
    /**
     * Comma-separated codes of application claim rules for every issuer, each configured as
     * {@code jwtguard.claim-rules.<code>.claim} (a dot-separated claim path) and
     * {@code jwtguard.claim-rules.<code>.one-of} (comma-separated accepted values). A further
     * issuer's own rules are {@code jwtguard.issuers.<name>.claim-rules} with the same sub-properties.
     */
    public static final String CLAIM_RULES = "jwtguard.claim-rules";
    /** Maximum length of a token, in characters. */
    public static final String MAX_TOKEN_SIZE = "jwtguard.token.max-size";
    /** Inline HMAC secret; prefix {@code base64:} or {@code base64url:} for encoded bytes. */
    public static final String HMAC_SECRET = "jwtguard.hmac.secret";
    /** Location of the HMAC secret (same encoding rules as {@link #HMAC_SECRET}). */
    public static final String HMAC_SECRET_LOCATION = "jwtguard.hmac.secret.location";
    /** Key store whose certificates are trusted verification keys. */
    public static final String KEYSTORE_LOCATION = "jwtguard.keystore.location";
    /** Key store password. */
    public static final String KEYSTORE_PASSWORD = "jwtguard.keystore.password";
    /** Key store type, {@code PKCS12} by default. */
    public static final String KEYSTORE_TYPE = "jwtguard.keystore.type";
    /** Comma-separated aliases to use from the key store; all by default. */
    public static final String KEYSTORE_ALIASES = "jwtguard.keystore.aliases";
    /** Lower bound on a JWKS response's {@code Cache-Control: max-age}. */
    public static final String JWKS_MIN_TTL = "jwtguard.jwks.cache.min-ttl";
    /** Upper bound on a JWKS response's {@code Cache-Control: max-age}. */
    public static final String JWKS_MAX_TTL = "jwtguard.jwks.cache.max-ttl";
    /** JWKS cache lifetime when the response has no {@code max-age}. */
    public static final String JWKS_DEFAULT_TTL = "jwtguard.jwks.cache.default-ttl";
    /** How long before expiry the JWKS is refreshed in the background. */
    public static final String JWKS_REFRESH_AHEAD = "jwtguard.jwks.refresh-ahead";
    /** Minimum time between two JWKS fetches caused by unknown kids or failures. */
    public static final String JWKS_UNKNOWN_KID_INTERVAL = "jwtguard.jwks.unknown-kid.min-interval";
    /** How long a kid absent from a fresh JWKS is not looked for again. */
    public static final String JWKS_UNKNOWN_KID_NEGATIVE_TTL = "jwtguard.jwks.unknown-kid.negative-ttl";
    /** How long past expiry the last good JWKS keeps serving while refreshes fail. */
    public static final String JWKS_STALE_IF_ERROR = "jwtguard.jwks.stale-if-error";
    /** JWKS connect timeout. */
    public static final String JWKS_CONNECT_TIMEOUT = "jwtguard.jwks.connect-timeout";
    /** JWKS deadline for the whole response. */
    public static final String JWKS_READ_TIMEOUT = "jwtguard.jwks.read-timeout";
    /** Largest accepted JWKS response, in bytes. */
    public static final String JWKS_MAX_SIZE = "jwtguard.jwks.max-size";
    /** Whether remote key sets are fetched at deployment rather than on first use. */
    public static final String JWKS_PREFETCH = "jwtguard.jwks.prefetch";
    /**
     * {@code true}: the primary issuer's keys come from its OpenID Connect discovery document
     * ({@code mp.jwt.verify.issuer} + {@code /.well-known/openid-configuration}, its {@code jwks_uri});
     * per issuer: {@code jwtguard.issuers.<name>.discovery}.
     */
    public static final String DISCOVERY = "jwtguard.discovery";
    /** Comma-separated names of further trusted issuers, each configured under {@link #ISSUER_PREFIX}{@code <name>.}. */
    public static final String ISSUERS = "jwtguard.issuers";
    /**
     * Prefix of a further issuer's properties: {@code issuer} (exact iss, required),
     * {@code publickey} or {@code publickey.location} (required), {@code audiences},
     * {@code algorithms} (default RS256), {@code clock.skew} and {@code token.age} (seconds), and,
     * instead of the global settings, {@code groups.claim-path}, {@code principal-claims},
     * {@code required-claims}, {@code token.types}; plus its own {@code claim-rules}.
     */
    public static final String ISSUER_PREFIX = "jwtguard.issuers.";

        /** DPoP (RFC 9449) at this resource server: {@code off} (default), {@code allowed} or {@code required}. */
    public static final String DPOP_MODE = "jwtguard.dpop.mode";
    /** The DPoP proof algorithms accepted and advertised ({@code algs}), comma-separated; asymmetric only. */
    public static final String DPOP_ALGORITHMS = "jwtguard.dpop.algorithms";
    /** How old a DPoP proof's {@code iat} may be (plus the clock skew); default 60 s, at most 10 min. */
    public static final String DPOP_PROOF_MAX_AGE = "jwtguard.dpop.proof.max-age";
    /** The largest DPoP proof accepted, in characters; default 8192. */
    public static final String DPOP_PROOF_MAX_SIZE = "jwtguard.dpop.proof.max-size";
    /** {@code scheme://host[:port][/prefix]} as clients address this server, for {@code htu}; behind a proxy. */
    public static final String DPOP_EXTERNAL_BASE_URL = "jwtguard.dpop.external-base-url";
    /** The most DPoP proofs remembered against replay; default 100000. */
    public static final String DPOP_REPLAY_CACHE_MAX_SIZE = "jwtguard.dpop.replay-cache.max-size";
    /**
     * Where used DPoP proofs are remembered: {@code memory} (this node) or {@code jdbc} (the cluster, over
     * the {@code jwtguard.store.jdbc.*} database); {@code jdbc} by default when {@code jwtguard.store.type=jdbc}.
     */
    public static final String DPOP_REPLAY_CACHE_TYPE = "jwtguard.dpop.replay-cache.type";
    /**
     * Server nonces in DPoP proofs (RFC 9449 sections 8 and 9), at resources and token endpoints:
     * {@code off} (default) or {@code required}.
     */
    public static final String DPOP_NONCE = "jwtguard.dpop.nonce";
    /** How long one DPoP nonce window lasts (a nonce is good for one to two); default 5 min, 10 s to 1 h. */
    public static final String DPOP_NONCE_LIFETIME = "jwtguard.dpop.nonce.lifetime";
    /**
     * The secret DPoP nonces are made with (HMAC-SHA256), at least 32 characters, the same on every node
     * of a cluster; unset: a random secret per process.
     */
    public static final String DPOP_NONCE_SECRET = "jwtguard.dpop.nonce.secret";

    /** Whether verified tokens are cached (hits still re-check time, key set and revocation). */
    public static final String CACHE_ENABLED = "jwtguard.cache.enabled";
    /** Maximum number of verified tokens cached. */
    public static final String CACHE_MAX_SIZE = "jwtguard.cache.max-size";
    /**
     * The JCA provider of signatures: {@code auto} (default: a native provider that passes the
     * start-up self-test, else the JDK), {@code jdk}, or a provider name.
     */
    public static final String CRYPTO_PROVIDER = "jwtguard.crypto.provider";

    // Token service: issuing, refresh tokens, revocation, stores, endpoints
    /** Whether this application issues tokens (access tokens, rotating refresh tokens, revocation). */
    public static final String TOKEN_SERVICE_ENABLED = "jwtguard.token-service.enabled";
    /**
     * How often logins and refreshes purge expired refresh families and revocation entries (on their
     * own thread, at most once per interval); {@code PT0S} turns it off. Default ten minutes.
     */
    public static final String TOKEN_SERVICE_PURGE_INTERVAL = "jwtguard.token-service.purge-interval";
    /** The {@code iss} of issued tokens; {@link #MP_ISSUER} by default. */
    public static final String ISSUE_ISSUER = "jwtguard.issue.issuer";
    /** Comma-separated {@code aud} of issued tokens; {@link #MP_AUDIENCES} by default. */
    public static final String ISSUE_AUDIENCES = "jwtguard.issue.audiences";
    /** Lifetime of issued access tokens (duration, 10 s to 1 h, at most {@link #MAX_LIFETIME}). */
    public static final String ISSUE_LIFETIME = "jwtguard.issue.access-token.lifetime";
    /** The {@code typ} header of issued access tokens. */
    public static final String ISSUE_TYPE = "jwtguard.issue.access-token.type";
    /** The signing algorithm (no HMAC). */
    public static final String ISSUE_ALGORITHM = "jwtguard.issue.algorithm";
    /** Key store holding the signing key (a private-key entry). */
    public static final String ISSUE_KEYSTORE_LOCATION = "jwtguard.issue.keystore.location";
    /** Password of that key store and its entry. */
    public static final String ISSUE_KEYSTORE_PASSWORD = "jwtguard.issue.keystore.password";
    /** Type of that key store. */
    public static final String ISSUE_KEYSTORE_TYPE = "jwtguard.issue.keystore.type";
    /** Alias of the signing entry; also its {@code kid}. */
    public static final String ISSUE_KEYSTORE_ALIAS = "jwtguard.issue.keystore.alias";
    /** Comma-separated aliases of former signing keys, still published for their tokens' lifetime. */
    public static final String ISSUE_KEYSTORE_PREVIOUS = "jwtguard.issue.keystore.previous-aliases";
    /** PEM document with the signing key (PKCS#8 {@code PRIVATE KEY} and its public key or certificate). */
    public static final String ISSUE_KEY_LOCATION = "jwtguard.issue.key.location";
    /** The {@code kid} of the PEM signing key; its RFC 7638 thumbprint by default. */
    public static final String ISSUE_KEY_ID = "jwtguard.issue.key.id";
    /** How long a generated key signs before the next one takes over. */
    public static final String ISSUE_ROTATION_INTERVAL = "jwtguard.issue.keys.rotation-interval";
    /** How long a generated key is published before it signs. */
    public static final String ISSUE_PUBLISH_AHEAD = "jwtguard.issue.keys.publish-ahead";
    /** Absolute lifetime of a refresh-token family (never extended by rotation). */
    public static final String REFRESH_ABSOLUTE_LIFETIME = "jwtguard.refresh.absolute-lifetime";
    /** Idle expiry of one refresh token. */
    public static final String REFRESH_IDLE_TIMEOUT = "jwtguard.refresh.idle-timeout";
    /** Grace window for presenting the just-rotated refresh token once more; PT0S (off) by default. */
    public static final String REFRESH_GRACE_PERIOD = "jwtguard.refresh.grace-period";
    /** {@code memory} (default) or {@code jdbc}. */
    public static final String STORE_TYPE = "jwtguard.store.type";
    /** JNDI name of a container-managed {@code DataSource} for the JDBC store. */
    public static final String STORE_JDBC_DATASOURCE = "jwtguard.store.jdbc.datasource";
    /** JDBC URL for the JDBC store (with the built-in small pool), when no data source is named. */
    public static final String STORE_JDBC_URL = "jwtguard.store.jdbc.url";
    /** JDBC user. */
    public static final String STORE_JDBC_USER = "jwtguard.store.jdbc.user";
    /** JDBC password; never logged. */
    public static final String STORE_JDBC_PASSWORD = "jwtguard.store.jdbc.password";
    /** Maximum connections of the built-in pool. */
    public static final String STORE_JDBC_POOL_SIZE = "jwtguard.store.jdbc.pool-size";
    /** Whether the shipped schema is applied at start-up (idempotent). */
    public static final String STORE_JDBC_APPLY_SCHEMA = "jwtguard.store.jdbc.apply-schema";
    /** Whether the verifier consults the store's revocations; on with the token service by default. */
    public static final String REVOCATION_ENABLED = "jwtguard.revocation.enabled";
    /** Longest time between two reloads of a JDBC store's revocation list: the propagation bound. */
    public static final String REVOCATION_POLL_INTERVAL = "jwtguard.revocation.poll-interval";
    /** How long past the poll interval the last revocation list serves while the store is unreadable. */
    public static final String REVOCATION_STALE_IF_ERROR = "jwtguard.revocation.stale-if-error";
    /** Whether the runtime installs the refresh, revoke and JWKS endpoints. */
    public static final String ENDPOINTS_ENABLED = "jwtguard.endpoints.enabled";
    /** Path of the refresh-token grant endpoint. */
    public static final String ENDPOINT_TOKEN_PATH = "jwtguard.endpoints.token-path";
    /** Path of the revocation endpoint (RFC 7009). */
    public static final String ENDPOINT_REVOKE_PATH = "jwtguard.endpoints.revoke-path";
    /** Path of the JWKS endpoint. */
    public static final String ENDPOINT_JWKS_PATH = "jwtguard.endpoints.jwks-path";
    /** {@code cookie} (default) or {@code body}: where the refresh token travels. */
    public static final String ENDPOINT_REFRESH_TRANSPORT = "jwtguard.endpoints.refresh-token.transport";
    /** Name of the refresh-token cookie: {@code __Host-} (Path=/) or {@code __Secure-} (Path=token path). */
    public static final String ENDPOINT_REFRESH_COOKIE = "jwtguard.endpoints.refresh-token.cookie";
    /** Header every cookie-based request must carry (CSRF defence). */
    public static final String ENDPOINT_CSRF_HEADER = "jwtguard.endpoints.csrf-header";
    /** Comma-separated origins allowed to call the endpoints with cookies; the endpoint's own origin by default. */
    public static final String ENDPOINT_ALLOWED_ORIGINS = "jwtguard.endpoints.allowed-origins";
    /** The client id of refresh families the endpoints serve. */
    public static final String ENDPOINT_CLIENT_ID = "jwtguard.endpoints.client-id";
    /**
     * DPoP (RFC 9449) at login and refresh: {@code off}, {@code allowed} (default: a valid proof binds
     * the tokens to its key) or {@code required} (a token request without a proof is refused).
     */
    public static final String ENDPOINT_DPOP = "jwtguard.endpoints.dpop";

    /** Comma-separated posture finding codes accepted deliberately. */
    public static final String ACKNOWLEDGE = "jwtguard.posture.acknowledge";

    private ConfigProperties() {
    }
}
