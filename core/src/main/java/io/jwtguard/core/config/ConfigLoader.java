package io.jwtguard.core.config;

import static io.jwtguard.core.config.ConfigProperties.*;

import io.jwtguard.core.jose.CryptoProviders;
import io.jwtguard.core.dpop.DPoPSettings;
import io.jwtguard.core.jose.JwsAlgorithm;
import io.jwtguard.core.keys.DecryptionKeySource;
import io.jwtguard.core.keys.KeyLocation;
import io.jwtguard.core.keys.KeyMaterial;
import io.jwtguard.core.keys.KeyStrengthPolicy;
import io.jwtguard.core.keys.KeystoreKeys;
import io.jwtguard.core.keys.JwksKeySource;
import io.jwtguard.core.keys.OidcDiscoveryKeySource;
import io.jwtguard.core.keys.JwksSettings;
import io.jwtguard.core.keys.KeySource;
import io.jwtguard.core.keys.StaticKeySource;
import io.jwtguard.core.keys.VerificationKey;
import io.jwtguard.core.verify.FindingCode;
import io.jwtguard.core.verify.InvalidSettingException;
import io.jwtguard.core.verify.KeyManagementAlgorithm;
import io.jwtguard.core.verify.Profile;
import io.jwtguard.core.verify.VerifierConfig;
import io.jwtguard.core.verify.VerifierConfigBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one loader of configuration: reads every MicroProfile JWT 2.1 property and every
 * {@code jwtguard.*} property (names in {@link ConfigProperties}) from any property lookup
 * (MicroProfile Config through {@code MicroProfileConfigLoader}, servlet init parameters,
 * system properties, a map in tests) into an immutable {@link LoadedConfiguration}.
 *
 * <p>Every malformed value fails with a {@link ConfigurationException} that names the property
 * and the fix. Inline, classpath and file keys are read now, so a broken key fails deployment;
 * http(s) key locations are read on first use. Stateless and thread-safe.
 */
public final class ConfigLoader {
    private static final Duration KEY_RETRY_INTERVAL = Duration.ofSeconds(1);

    private ConfigLoader() {
    }

    /** Loads with the system UTC clock. */
    public static LoadedConfiguration load(Function<String, Optional<String>> properties) {
        return load(properties, Clock.systemUTC());
    }

    /**
     * @param properties looks a property up by name; empty when unset; not null
     * @param clock the verifier's time source, not null
     * @throws ConfigurationException naming the property, on any invalid or refused setting
     */
    public static LoadedConfiguration load(Function<String, Optional<String>> properties, Clock clock) {
        return load(properties, clock, builder -> { });
    }

    /**
     * As {@link #load(Function, Clock)}, letting the caller add to the verifier's settings after
     * the properties were read and before the configuration is validated: a runtime adds the
     * application's claim rules this way.
     *
     * @param customizer called once with the builder, not null
     */
    public static LoadedConfiguration load(Function<String, Optional<String>> properties, Clock clock,
            Consumer<VerifierConfigBuilder> customizer) {
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(customizer, "customizer");
        PropertyReader in = new PropertyReader(properties);
        Profile profile = in.get(PROFILE).map(v -> Profile.fromPropertyValue(v).orElseThrow(() ->
                new ConfigurationException(PROFILE, "'" + v + "' is not a profile; use hardened or mp-compat")))
                .orElse(Profile.HARDENED);
        Set<FindingCode> acknowledged = in.list(ACKNOWLEDGE).stream().map(code -> {
            try {
                return FindingCode.valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(ACKNOWLEDGE, "'" + code + "' is not a finding code; use one of "
                        + Arrays.stream(FindingCode.values()).filter(FindingCode::acknowledgeable)
                                .map(Enum::name).collect(Collectors.joining(", ")));
            }
        }).collect(Collectors.toCollection(() -> EnumSet.noneOf(FindingCode.class)));
        KeyStrengthPolicy strength = VerifierConfig.strengthPolicyFor(profile, acknowledged);

        VerifierConfigBuilder builder = VerifierConfig.builder()
                .settingNames(PropertyNames.INSTANCE)
                .profile(profile)
                .acknowledge(acknowledged)
                .clock(clock);
        JwksSettings jwks = jwksSettings(in);
        addPublicKeys(in, builder, strength, clock, jwks);
        TrustedIssuerLoader.addTrustedIssuers(in, builder, (prefix, issuer) -> keySources(in, prefix + "publickey",
                prefix + "publickey.location", prefix + "discovery", prefix + "issuer", Optional.of(issuer),
                strength, clock, jwks));
        ClaimRuleLoader.rules(in, CLAIM_RULES).forEach(builder::claimRule);
        in.get(PRINCIPAL_CLAIMS).ifPresent(v -> builder.principalClaims(List.copyOf(in.list(PRINCIPAL_CLAIMS))));
        addHmacSecret(in, builder, acknowledged);
        addKeystore(in, builder);
        Optional<Set<JwsAlgorithm>> algorithms = algorithms(in);
        algorithms.ifPresent(builder::allowedAlgorithms);
        in.get(MP_ISSUER).ifPresent(builder::issuer);
        builder.audiences(in.list(MP_AUDIENCES));
        in.get(MP_CLOCK_SKEW).ifPresent(v -> builder.clockSkew(Duration.ofSeconds(in.nonNegativeLong(MP_CLOCK_SKEW))));
        in.get(MP_TOKEN_AGE).ifPresent(v -> builder.maxTokenAge(Duration.ofSeconds(in.nonNegativeLong(MP_TOKEN_AGE))));
        in.get(MAX_CLOCK_SKEW).ifPresent(v -> builder.maxClockSkew(in.duration(MAX_CLOCK_SKEW)));
        in.get(MAX_LIFETIME).ifPresent(v -> builder.maxLifetime(
                v.trim().equalsIgnoreCase("unbounded") ? null : in.duration(MAX_LIFETIME)));
        builder.requiredClaims(in.list(REQUIRED_CLAIMS));
        in.get(TOKEN_TYPES).ifPresent(v -> builder.acceptedTypes(in.list(TOKEN_TYPES)));
        in.get(TOKEN_TYPE_REQUIRED).ifPresent(v -> builder.typeRequired(in.bool(TOKEN_TYPE_REQUIRED)));
        in.get(TOKEN_KIND_CHECK).ifPresent(v -> builder.tokenKindCheck(in.bool(TOKEN_KIND_CHECK)));
        in.get(GROUPS_CLAIM).ifPresent(v -> builder.groupsClaimPaths(List.copyOf(in.list(GROUPS_CLAIM))));
        in.get(GROUPS_EXCLUDE).ifPresent(v -> builder.groupsExclude(entries(v)));
        in.get(MAX_TOKEN_SIZE).ifPresent(v -> builder.maxTokenSize((int) Math.min(Integer.MAX_VALUE,
                in.nonNegativeLong(MAX_TOKEN_SIZE))));
        addDecryption(in, builder, clock);
        try {
            builder.signatureEngines(CryptoProviders.select(in.get(CRYPTO_PROVIDER)));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(CRYPTO_PROVIDER, e.getMessage());
        }
        builder.verifiedTokenCache(in.get(CACHE_ENABLED).isPresent() ? in.bool(CACHE_ENABLED) : true,
                in.get(CACHE_MAX_SIZE).isPresent() ? in.nonNegativeLong(CACHE_MAX_SIZE)
                        : VerifierConfig.DEFAULT_CACHE_MAX_SIZE);

        TokenTransport transport = new TokenTransport(
                in.get(MP_TOKEN_HEADER).map(String::trim).orElse(TokenTransport.DEFAULT.headerName()),
                in.get(MP_TOKEN_COOKIE).map(String::trim).orElse(TokenTransport.DEFAULT.cookieName()));
        requireHttpToken(MP_TOKEN_HEADER, transport.headerName(), "an HTTP header name; use Authorization, Cookie "
                + "or a custom header name");
        requireHttpToken(MP_TOKEN_COOKIE, transport.cookieName(), "a cookie name");
        TokenServiceLoader tokenService = new TokenServiceLoader(in, clock);
        EndpointSettings endpoints = tokenService.endpoints();
        tokenService.prepare(builder, algorithms);
        customizer.accept(builder);
        VerifierConfig verifier;
        try {
            verifier = builder.build();
        } catch (InvalidSettingException e) {
            // the builder named the property (PropertyNames); deployment fails on ConfigurationException
            throw new ConfigurationException(e.setting(), e.problemAndFix());
        }
        DPoPSettings dpop = DPoPSettingsLoader.load(in, verifier.clockSkew());
        return DPoPSettingsLoader.withReplayCache(in, new LoadedConfiguration(verifier, transport,
                tokenService.finish(verifier), endpoints, dpop), tokenService, clock);
    }

    private static void requireHttpToken(String property, String value, String what) {
        if (!value.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            throw new ConfigurationException(property, "'" + value + "' is not " + what);
        }
    }

    private static void addPublicKeys(PropertyReader in, VerifierConfigBuilder builder, KeyStrengthPolicy strength,
            Clock clock, JwksSettings jwks) {
        for (KeySource source : keySources(in, MP_PUBLIC_KEY, MP_PUBLIC_KEY_LOCATION, DISCOVERY, MP_ISSUER,
                in.get(MP_ISSUER), strength, clock, jwks)) {
            builder.keySource(source);
        }
    }

    /**
     * The key source of one issuer's inline/location/discovery properties: remote locations become a
     * JWKS client, discovery an {@link OidcDiscoveryKeySource} of the issuer.
     */
    private static List<KeySource> keySources(PropertyReader in, String inlineProperty, String locationProperty,
            String discoveryProperty, String issuerProperty, Optional<String> issuer, KeyStrengthPolicy strength,
            Clock clock, JwksSettings jwks) {
        Optional<String> inline = in.get(inlineProperty);
        Optional<String> location = in.get(locationProperty);
        if (in.get(discoveryProperty).isPresent() && in.bool(discoveryProperty)) {
            if (inline.isPresent() || location.isPresent()) {
                String other = inline.isPresent() ? inlineProperty : locationProperty;
                throw new ConfigurationException(discoveryProperty, discoveryProperty + " is true, so the keys come "
                        + "from the issuer's OpenID Connect discovery document; remove " + other + " or set "
                        + discoveryProperty + "=false");
            }
            String exactIssuer = issuer.map(String::trim).filter(v -> !v.isEmpty()).orElseThrow(() ->
                    new ConfigurationException(issuerProperty, discoveryProperty + " is true but " + issuerProperty
                            + " is not set; set it to the issuer URL exactly as tokens carry it in 'iss'"));
            try {
                return List.of(OidcDiscoveryKeySource.create(exactIssuer, jwks, strength, clock));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(issuerProperty, e.getMessage() + " (" + discoveryProperty + " is true)");
            }
        }
        if (inline.isPresent() && location.isPresent()) {
            throw new ConfigurationException(inlineProperty, "both " + inlineProperty + " and " + locationProperty
                    + " are set; keep only one");
        }
        if (inline.isPresent()) {
            return List.of(new StaticKeySource(parseKeys(inline.get(), "the inline key", inlineProperty),
                    inlineProperty, inlineProperty));
        }
        if (location.isEmpty()) {
            return List.of();
        }
        KeyLocation keyLocation = keyLocation(locationProperty, location.get());
        if (keyLocation.isRemote()) {
            URI uri;
            try {
                uri = URI.create(location.get().trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(locationProperty, "'" + KeyLocation.redact(location.get())
                        + "' is not a valid URL");
            }
            if (!JwksKeySource.isAcceptableUri(uri)) {
                throw new ConfigurationException(locationProperty, "keys must be fetched over https (plain http only "
                        + "to loopback, for tests); change the URL to https");
            }
            return List.of(JwksKeySource.create(uri, jwks, strength, clock));
        }
        return List.of(new StaticKeySource(parseKeys(read(locationProperty, keyLocation), keyLocation.toString(),
                locationProperty), keyLocation.toString(), locationProperty));
    }

    private static JwksSettings jwksSettings(PropertyReader in) {
        JwksSettings d = JwksSettings.DEFAULTS;
        try {
            return new JwksSettings(
                    in.durationOr(JWKS_MIN_TTL, d.minCacheTtl()),
                    in.durationOr(JWKS_MAX_TTL, d.maxCacheTtl()),
                    in.durationOr(JWKS_DEFAULT_TTL, d.defaultCacheTtl()),
                    in.durationOr(JWKS_REFRESH_AHEAD, d.refreshAhead()),
                    in.durationOr(JWKS_UNKNOWN_KID_INTERVAL, d.unknownKidMinInterval()),
                    in.durationOr(JWKS_UNKNOWN_KID_NEGATIVE_TTL, d.unknownKidNegativeTtl()),
                    in.durationOr(JWKS_STALE_IF_ERROR, d.staleIfError()),
                    in.durationOr(JWKS_CONNECT_TIMEOUT, d.connectTimeout()),
                    in.durationOr(JWKS_READ_TIMEOUT, d.readTimeout()),
                    in.get(JWKS_MAX_SIZE).isPresent()
                            ? (int) Math.min(Integer.MAX_VALUE, in.nonNegativeLong(JWKS_MAX_SIZE)) : d.maxResponseBytes(),
                    in.get(JWKS_PREFETCH).isPresent() ? in.bool(JWKS_PREFETCH) : d.prefetch());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("jwtguard.jwks.*", e.getMessage() + "; durations must be positive, "
                    + JWKS_MAX_TTL + " at least " + JWKS_MIN_TTL + ", " + JWKS_MAX_SIZE + " at least 1024");
        }
    }

    private static List<VerificationKey> parseKeys(String content, String source, String property) {
        try {
            return KeyMaterial.parsePublicKeys(content, source);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(property, e.getMessage()
                    + "; provide a PEM public key or certificate, a JWK or a JWK Set");
        }
    }

    private static void addHmacSecret(PropertyReader in, VerifierConfigBuilder builder, Set<FindingCode> acknowledged) {
        Optional<String> inline = in.get(HMAC_SECRET);
        Optional<String> location = in.get(HMAC_SECRET_LOCATION);
        if (inline.isPresent() && location.isPresent()) {
            throw new ConfigurationException(HMAC_SECRET, "both " + HMAC_SECRET + " and " + HMAC_SECRET_LOCATION
                    + " are set; keep only one");
        }
        String property = inline.isPresent() ? HMAC_SECRET : HMAC_SECRET_LOCATION;
        Optional<String> text = inline.isPresent() ? inline
                : location.map(l -> read(HMAC_SECRET_LOCATION, keyLocation(HMAC_SECRET_LOCATION, l)).strip());
        if (text.isEmpty()) {
            return;
        }
        byte[] secret = secretBytes(property, text.get());
        boolean allowShort = acknowledged.contains(FindingCode.SHORT_HMAC_SECRET)
                || secret.length < JwsAlgorithm.HS256.sizeBytes(); // too short: the posture check reports it
        builder.keySource(new StaticKeySource(List.of(VerificationKey.ofSecret(null, secret, allowShort)),
                "HMAC secret", property));
        Arrays.fill(secret, (byte) 0);
    }

    private static byte[] secretBytes(String property, String value) {
        try {
            if (value.startsWith("base64:")) {
                return Base64.getDecoder().decode(value.substring("base64:".length()).trim());
            }
            if (value.startsWith("base64url:")) {
                return Base64.getUrlDecoder().decode(value.substring("base64url:".length()).trim());
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(property, "the secret is not valid base64/base64url after its prefix");
        }
        if (value.isEmpty()) {
            throw new ConfigurationException(property, "the secret is empty; use at least 32 random bytes");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static void addKeystore(PropertyReader in, VerifierConfigBuilder builder) {
        Optional<String> location = in.get(KEYSTORE_LOCATION);
        if (location.isEmpty()) {
            return;
        }
        String type = in.get(KEYSTORE_TYPE).map(String::trim).orElse("PKCS12");
        char[] password = in.get(KEYSTORE_PASSWORD).orElse("").toCharArray();
        try {
            builder.keySource(new StaticKeySource(KeystoreKeys.load(location.get().trim(), type, password,
                    in.list(KEYSTORE_ALIASES)), location.get().trim(), KEYSTORE_LOCATION));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(KEYSTORE_LOCATION, e.getMessage() + "; check " + KEYSTORE_LOCATION + ", "
                    + KEYSTORE_TYPE + " and " + KEYSTORE_PASSWORD);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static Optional<Set<JwsAlgorithm>> algorithms(PropertyReader in) {
        return algorithmList(in, in.get(ALGORITHMS).isPresent() ? ALGORITHMS : MP_PUBLIC_KEY_ALGORITHM);
    }

    /**
     * @return the comma-separated entries of {@code value}, trimmed, empty entries kept (so that
     *     the builder can refuse them by name)
     */
    static List<String> entries(String value) {
        return Arrays.stream(value.split(",", -1)).map(String::trim).toList();
    }

    static Optional<Set<JwsAlgorithm>> algorithmList(PropertyReader in, String property) {
        Set<String> names = in.list(property);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        EnumSet<JwsAlgorithm> result = EnumSet.noneOf(JwsAlgorithm.class);
        for (String name : names) {
            if (JwsAlgorithm.isNone(name)) {
                throw new ConfigurationException(property, "'none' can never be allowed; list signature algorithms "
                        + "such as RS256");
            }
            result.add(JwsAlgorithm.fromJoseName(name).orElseThrow(() -> new ConfigurationException(property,
                    "'" + name + "' is not a supported algorithm; use any of " + Arrays.toString(JwsAlgorithm.values()))));
        }
        return Optional.of(result);
    }

    private static void addDecryption(PropertyReader in, VerifierConfigBuilder builder, Clock clock) {
        Optional<String> location = in.get(MP_DECRYPT_KEY_LOCATION);
        Set<String> algorithms = in.list(MP_DECRYPT_KEY_ALGORITHM);
        if (!algorithms.isEmpty()) {
            EnumSet<KeyManagementAlgorithm> accepted = EnumSet.noneOf(KeyManagementAlgorithm.class);
            for (String name : algorithms) {
                accepted.add(KeyManagementAlgorithm.fromJoseName(name).orElseThrow(() -> new ConfigurationException(
                        MP_DECRYPT_KEY_ALGORITHM, "'" + name + "' is not accepted; use RSA-OAEP or RSA-OAEP-256")));
            }
            builder.keyManagementAlgorithms(accepted);
        }
        if (location.isEmpty()) {
            return;
        }
        KeyLocation keyLocation = keyLocation(MP_DECRYPT_KEY_LOCATION, location.get());
        if (keyLocation.isRemote() && !keyLocation.isAcceptableRemote()) {
            throw new ConfigurationException(MP_DECRYPT_KEY_LOCATION, "keys must be fetched over https (plain http "
                    + "only to loopback, for tests); change the URL to https");
        }
        DecryptionKeySource source = DecryptionKeySource.fromLocation(keyLocation, clock, KEY_RETRY_INTERVAL);
        if (!keyLocation.isRemote()) {
            try {
                source.keys();
            } catch (RuntimeException e) {
                throw new ConfigurationException(MP_DECRYPT_KEY_LOCATION, e.getMessage()
                        + "; provide an RSA private key as PKCS#8 PEM, a JWK or a JWK Set");
            }
        }
        builder.decryptionKeys(source);
    }

    private static KeyLocation keyLocation(String property, String value) {
        try {
            return KeyLocation.of(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(property, "the location is empty; give a classpath resource, file or "
                    + "https URL");
        }
    }

    private static String read(String property, KeyLocation location) {
        try {
            return location.read();
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException(property, "cannot read " + location + " (" + e.getMessage()
                    + "); check the path or URL");
        }
    }
}
