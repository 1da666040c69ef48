package io.jwtguard.tck.hostile;

import static io.jwtguard.tck.hostile.TokenBytes.der;
import static io.jwtguard.tck.hostile.TokenBytes.firstKey;
import static io.jwtguard.tck.hostile.TokenBytes.fixed;
import static io.jwtguard.tck.hostile.TokenBytes.str;
import static io.jwtguard.tck.hostile.TokenBytes.withTrailingBits;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The catalogue: at least one token per attack class of DESIGN.md ("Hostile input") and one
 * legitimate token per supported algorithm. Hostile tokens are built so that only the defence of
 * their class stops them: where it makes sense they carry valid claims and a valid signature by a
 * trusted key over exactly the bytes sent. Stateless apart from its inputs.
 */
public final class HostileCases {
    /** Every JWS algorithm JWT Guard supports. */
    public static final List<String> ALGORITHMS = List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA", "HS256", "HS384", "HS512");

    private final SigningKeys keys;
    private final SigningKeys attacker = SigningKeys.generate();
    private final String issuer;
    private final String audience;
    private final String groups;
    private final int maxSize;
    private final long now;

    /**
     * @param keys the keys the target trusts
     * @param issuer the target's {@code mp.jwt.verify.issuer}
     * @param audience an audience the target accepts
     * @param group a group that the protected resource requires (may be null for none)
     * @param maxSize the target's token size cap in characters
     * @param clock the clock for {@code iat} and {@code exp}
     */
    public HostileCases(SigningKeys keys, String issuer, String audience, String group, int maxSize, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.groups = group == null ? "[]" : "[" + str(group) + "]";
        this.maxSize = maxSize;
        this.now = clock.instant().getEpochSecond();
    }

    /** @return every case: the legitimate ones first, then the attacks grouped by class */
    public List<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>();
        for (String alg : ALGORITHMS) {
            if (keys.supports(alg)) {
                cases.add(HostileCase.accepted(alg, legit(alg)));
            }
        }
        algNone(cases);
        notAllowed(cases);
        keyConfusion(cases);
        ecdsaSignatures(cases);
        signatureLength(cases);
        keysInHeader(cases);
        kidInjection(cases);
        crit(cases);
        unencoded(cases);
        duplicates(cases);
        encoding(cases);
        structure(cases);
        new ClaimAttacks(this).addTo(cases);
        size(cases);
        jwe(cases);
        wrongType(cases);
        kidFlood(cases);
        return cases;
    }

    // ---- building blocks ----

    String claims(String extra) {
        return claims(now, now + 300, extra);
    }

    String claims(long iat, long exp, String extra) {
        return "{\"iss\":" + str(issuer) + ",\"aud\":" + str(audience) + ",\"sub\":\"hostile-suite\","
                + "\"upn\":\"hostile@example.com\",\"groups\":" + groups + ",\"iat\":" + iat + ",\"exp\":" + exp
                + ",\"jti\":" + str(UUID.randomUUID().toString()) + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    String claimsWithout(String member, String replacement) {
        // the standard claims with one member replaced (or removed when replacement is empty)
        String base = "{\"iss\":" + str(issuer) + ",\"aud\":" + str(audience) + ",\"sub\":\"hostile-suite\","
                + "\"upn\":\"hostile@example.com\",\"groups\":" + groups + ",\"iat\":" + now + ",\"exp\":" + (now + 300)
                + ",\"jti\":" + str(UUID.randomUUID().toString()) + "}";
        String json = base.replaceFirst("\"" + member + "\":(\"[^\"]*\"|\\[[^\\]]*\\]|-?[0-9]+)",
                replacement.isEmpty() ? "" : replacement);
        return json.replace(",,", ",").replace("{,", "{").replace(",}", "}");
    }

    private Object key(String alg) {
        return alg.startsWith("HS") ? keys.hmacSecret().orElseThrow() : keys.privateKey(keys.kidFor(alg).orElseThrow());
    }

    String header(String alg, String extra) {
        String kid = alg.startsWith("HS") ? null : keys.kidFor(alg).orElse(null);
        return "{\"alg\":" + str(alg) + ",\"typ\":\"JWT\"" + (kid == null ? "" : ",\"kid\":" + str(kid))
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    /** The strongest trusted asymmetric algorithm available, for cases that need a trusted signature. */
    String trustedAlg() {
        return keys.supports("RS256") ? "RS256" : keys.supports("ES256") ? "ES256"
                : ALGORITHMS.stream().filter(keys::supports).findFirst().orElseThrow();
    }

    String signed(String header, String claims) {
        String alg = trustedAlg();
        return Jose.jws(header, claims, alg, key(alg));
    }

    private String legit(String alg) {
        return Jose.jws(header(alg, ""), claims(""), alg, key(alg));
    }

    static void add(List<HostileCase> cases, String attackClass, String name, String token) {
        cases.add(HostileCase.rejected(attackClass, name, token));
    }

    long now() {
        return now;
    }

    String issuer() {
        return issuer;
    }

    String audience() {
        return audience;
    }

    // ---- attack classes ----

    private void algNone(List<HostileCase> cases) {
        for (String spelling : new String[] {"none", "None", "NONE", "nOnE"}) {
            String unsigned = Jose.b64("{\"alg\":\"" + spelling + "\",\"typ\":\"JWT\"}") + "." + Jose.b64(claims(""));
            add(cases, "alg-none", spelling + ", empty signature", unsigned + ".");
        }
        String withSig = Jose.b64("{\"alg\":\"none\"}") + "." + Jose.b64(claims(""));
        add(cases, "alg-none", "none, with a signature", withSig + "." + Jose.b64(new byte[32]));
    }

    private void notAllowed(List<HostileCase> cases) {
        String alg = trustedAlg();
        for (String bogus : new String[] {"ES256K", "HS224", "RSA-OAEP", "rs256"}) {
            String h = "{\"alg\":" + str(bogus) + ",\"kid\":" + str(keys.kidFor(alg).orElse("x")) + "}";
            add(cases, "alg-not-allowed", bogus, Jose.signSegments(Jose.b64(h), Jose.b64(claims("")), alg, key(alg)));
        }
        add(cases, "alg-not-allowed", "alg missing", signed("{\"typ\":\"JWT\"}", claims("")));
    }

    private void keyConfusion(List<HostileCase> cases) {
        for (String alg : new String[] {"RS256", "ES256"}) {
            if (!keys.supports(alg)) {
                continue;
            }
            String kid = keys.kidFor(alg).orElseThrow();
            byte[] spki = keys.publicKey(kid).getEncoded();
            String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(spki) + "\n-----END PUBLIC KEY-----\n";
            String h = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":" + str(kid) + "}";
            add(cases, "key-confusion", "HS256 keyed with the " + kid + " public key (DER)", Jose.jws(h, claims(""), "HS256", spki));
            add(cases, "key-confusion", "HS256 keyed with the " + kid + " public key (PEM)",
                    Jose.jws(h, claims(""), "HS256", pem.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private void ecdsaSignatures(List<HostileCase> cases) {
        for (String alg : new String[] {"ES256", "ES384", "ES512"}) {
            if (!keys.supports(alg)) {
                continue;
            }
            int width = alg.equals("ES512") ? 66 : Integer.parseInt(alg.substring(2)) / 8;
            String input = Jose.b64(header(alg, "")) + "." + Jose.b64(claims(""));
            add(cases, "ecdsa-psychic", alg + " all-zero R||S", input + "." + Jose.b64(new byte[2 * width]));
            BigInteger n = ((ECPrivateKey) keys.privateKey(keys.kidFor(alg).orElseThrow())).getParams().getOrder();
            byte[] rs = new byte[2 * width];
            byte[] nBytes = fixed(n, width);
            System.arraycopy(nBytes, 0, rs, 0, width);
            System.arraycopy(nBytes, 0, rs, width, width);
            add(cases, "ecdsa-psychic", alg + " R = S = n (out of range)", input + "." + Jose.b64(rs));
            byte[] good = Jose.sign(alg, key(alg), input.getBytes(StandardCharsets.US_ASCII));
            add(cases, "signature-length", alg + " one byte short", input + "." + Jose.b64(Arrays.copyOf(good, good.length - 1)));
            add(cases, "signature-length", alg + " DER-encoded instead of R||S", input + "." + Jose.b64(der(good)));
        }
    }

    private void signatureLength(List<HostileCase> cases) {
        for (String alg : new String[] {"RS256", "HS256"}) {
            if (!keys.supports(alg)) {
                continue;
            }
            String input = Jose.b64(header(alg, "")) + "." + Jose.b64(claims(""));
            byte[] good = Jose.sign(alg, key(alg), input.getBytes(StandardCharsets.US_ASCII));
            add(cases, "signature-length", alg + " truncated", input + "." + Jose.b64(Arrays.copyOf(good, good.length - 1)));
            byte[] longer = new byte[good.length + 1];
            System.arraycopy(good, 0, longer, 1, good.length);
            add(cases, "signature-length", alg + " with a leading zero byte", input + "." + Jose.b64(longer));
        }
        String input = Jose.b64(header(trustedAlg(), "")) + "." + Jose.b64(claims(""));
        add(cases, "empty-signature", "trusted alg, empty signature", input + ".");
    }

    private void keysInHeader(List<HostileCase> cases) {
        PrivateKey attackerKey = attacker.privateKey("rsa");
        String[] offers = {
            "\"jwk\":" + firstKey(attacker.publicJwks()),
            "\"jku\":\"http://127.0.0.1:9/jwks.json\"",
            "\"x5u\":\"http://127.0.0.1:9/cert.pem\"",
            "\"x5c\":[\"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\"]",
        };
        for (String offer : offers) {
            String name = offer.substring(1, offer.indexOf('"', 1));
            String h = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"attacker\"," + offer + "}";
            add(cases, "key-in-header", name + ", signed by the offered key", Jose.jws(h, claims(""), "RS256", attackerKey));
        }
        if (keys.supports("RS256")) {
            String h = header("RS256", "\"jku\":\"http://127.0.0.1:9/jwks.json\"");
            add(cases, "key-in-header", "jku beside a trusted kid and signature", Jose.jws(h, claims(""), "RS256", key("RS256")));
        }
    }

    private void kidInjection(List<HostileCase> cases) {
        PrivateKey attackerKey = attacker.privateKey("rsa");
        for (String kid : new String[] {"../../../../../../dev/null", "/etc/passwd", "http://127.0.0.1:9/k",
                "rsa' OR '1'='1", "rsa?x=1", "file:///dev/null"}) {
            String h = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":" + str(kid) + "}";
            add(cases, "kid-injection", "kid " + kid, Jose.jws(h, claims(""), "RS256", attackerKey));
        }
        if (keys.supports("HS256")) {
            // the empty secret that a kid pointing at an empty file would yield
            String h = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"../../../../../../dev/null\"}";
            add(cases, "kid-injection", "kid /dev/null, HS256 with an empty-file secret",
                    Jose.jws(h, claims(""), "HS256", new byte[] {0}));
        }
    }

    private void crit(List<HostileCase> cases) {
        String alg = trustedAlg();
        add(cases, "crit", "empty crit", signed(header(alg, "\"crit\":[]"), claims("")));
        add(cases, "crit", "crit repeats a name", signed(header(alg, "\"crit\":[\"x-a\",\"x-a\"],\"x-a\":1"), claims("")));
        add(cases, "crit", "crit names a registered header", signed(header(alg, "\"crit\":[\"alg\"]"), claims("")));
        add(cases, "crit", "crit names an unknown extension", signed(header(alg, "\"crit\":[\"x-unknown\"],\"x-unknown\":true"), claims("")));
        add(cases, "crit", "crit is not an array", signed(header(alg, "\"crit\":\"x-a\",\"x-a\":1"), claims("")));
    }

    private void unencoded(List<HostileCase> cases) {
        String alg = trustedAlg();
        String h = Jose.b64(header(alg, "\"b64\":false,\"crit\":[\"b64\"]"));
        String payload = claims("");
        byte[] sig = Jose.sign(alg, key(alg), (h + "." + payload).getBytes(StandardCharsets.UTF_8));
        add(cases, "b64-false", "RFC 7797 detached form", h + ".." + Jose.b64(sig));
        add(cases, "b64-false", "RFC 7797 with b64 claims", signed(header(alg, "\"b64\":false,\"crit\":[\"b64\"]"), claims("")));
        add(cases, "b64-false", "b64 false without crit", signed(header(alg, "\"b64\":false"), claims("")));
    }

    private void duplicates(List<HostileCase> cases) {
        String alg = trustedAlg();
        String h = header(alg, "");
        add(cases, "duplicate-member", "header repeats alg",
                Jose.jws(h.replaceFirst("\\{", "{\"alg\":\"none\","), claims(""), alg, key(alg)));
        add(cases, "duplicate-member", "claims repeat iss",
                signed(h, claims("").replaceFirst("\\{", "{\"iss\":\"https://evil.example\",")));
        add(cases, "duplicate-member", "claims repeat exp",
                signed(h, claims("").replaceFirst("\\{", "{\"exp\":" + (now + 86_400 * 365) + ",")));
        add(cases, "duplicate-member", "claims repeat groups (escaped name)",
                signed(h, claims("\"gro\\u0075ps\":[\"admin\"]")));
    }

    private void encoding(List<HostileCase> cases) {
        String alg = trustedAlg();
        String h = Jose.b64(header(alg, ""));
        String p = Jose.b64(claims(""));
        String padded = p + "=".repeat((4 - p.length() % 4) % 4 == 0 ? 1 : (4 - p.length() % 4));
        add(cases, "base64url", "padding", Jose.signSegments(h, padded, alg, key(alg)));
        add(cases, "base64url", "whitespace", Jose.signSegments(h, p.substring(0, 10) + " " + p.substring(10), alg, key(alg)));
        String std = Base64.getEncoder().withoutPadding()
                .encodeToString(claims("\"x\":\"\u00fb\u00ff\u00fe>?\"").getBytes(StandardCharsets.UTF_8));
        if (std.contains("+") || std.contains("/")) {
            add(cases, "base64url", "standard alphabet (+ and /)", Jose.signSegments(h, std, alg, key(alg)));
        }
        String trailing = withTrailingBits(p);
        if (trailing != null) {
            add(cases, "base64url", "non-zero trailing bits", Jose.signSegments(h, trailing, alg, key(alg)));
        }
        String token = Jose.signSegments(h, p, alg, key(alg));
        String sigTrailing = withTrailingBits(token.substring(token.lastIndexOf('.') + 1));
        if (sigTrailing != null) {
            add(cases, "base64url", "signature with non-zero trailing bits",
                    token.substring(0, token.lastIndexOf('.') + 1) + sigTrailing);
        }
        add(cases, "base64url", "invalid character", Jose.signSegments(h, p.substring(0, 5) + "*" + p.substring(6), alg, key(alg)));
    }

    private void structure(List<HostileCase> cases) {
        String token = legit(trustedAlg());
        String[] parts = token.split("\\.");
        add(cases, "segment-count", "1 segment", parts[0]);
        add(cases, "segment-count", "2 segments", parts[0] + "." + parts[1]);
        add(cases, "segment-count", "4 segments", token + "." + parts[2]);
        add(cases, "segment-count", "6 segments", token + "." + parts[1] + "." + parts[2] + ".x");
        add(cases, "segment-count", "empty header", "." + parts[1] + "." + parts[2]);
        add(cases, "segment-count", "empty payload", parts[0] + ".." + parts[2]);
    }

    private void size(List<HostileCase> cases) {
        String h = header(trustedAlg(), "");
        String big = signed(h, claims("\"pad\":\"" + "a".repeat(maxSize) + "\""));
        add(cases, "size-cap", "over the cap by " + (big.length() - maxSize) + " characters", big);
        // as deep as fits under the size cap (a larger token would test the cap, not the nesting bound)
        int levels = Math.max(20, Math.min(1000, (maxSize * 3 / 4 - 700) / 2));
        add(cases, "deep-nesting", "claims nested " + levels + " levels",
                signed(h, claims("\"x\":" + "[".repeat(levels) + "]".repeat(levels))));
        add(cases, "deep-nesting", "header nested 100 levels",
                signed(header(trustedAlg(), "\"x\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100)), claims("")));
    }

    private void jwe(List<HostileCase> cases) {
        String[] headers = {
            "{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"zip\":\"DEF\",\"cty\":\"JWT\"}",
            "{\"alg\":\"PBES2-HS512+A256KW\",\"enc\":\"A256GCM\",\"p2c\":2147483647,\"p2s\":\"AAAAAAAAAAAAAAAAAAAAAA\"}",
            "{\"alg\":\"dir\",\"enc\":\"A256GCM\"}",
            "{\"alg\":\"RSA1_5\",\"enc\":\"A128CBC-HS256\"}",
            "{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}",
        };
        String[] names = {"zip", "PBES2 with a huge p2c", "dir", "RSA1_5", "decrypt-only (no cty), undecryptable"};
        for (int i = 0; i < headers.length; i++) {
            add(cases, "jwe", names[i], Jose.b64(headers[i]) + "." + Jose.b64(new byte[256]) + "." + Jose.b64(new byte[12])
                    + "." + Jose.b64(claims("").getBytes(StandardCharsets.UTF_8)) + "." + Jose.b64(new byte[16]));
        }
    }

    private void wrongType(List<HostileCase> cases) {
        String alg = trustedAlg();
        add(cases, "wrong-type", "opaque refresh token", Jose.b64(UUID.randomUUID().toString()).substring(0, 43));
        add(cases, "wrong-type", "DPoP proof (typ dpop+jwt)",
                signed(header(alg, "").replace("\"typ\":\"JWT\"", "\"typ\":\"dpop+jwt\""), claims("\"htm\":\"GET\",\"htu\":\"https://x\"")));
        add(cases, "wrong-type", "logout token (typ logout+jwt)",
                signed(header(alg, "").replace("\"typ\":\"JWT\"", "\"typ\":\"logout+jwt\""), claims("")));
        add(cases, "wrong-type", "ID token for a client (aud is the client)",
                signed(header(alg, ""), claimsWithout("aud", "\"aud\":\"web-client\",\"nonce\":\"n-0S6_WzA2Mj\",\"azp\":\"web-client\"")));
        add(cases, "wrong-type", "nested JWS (cty JWT)", signed(header(alg, "\"cty\":\"JWT\""), claims("")));
        add(cases, "wrong-type", "ID token (typ id_token+jwt)",
                signed(header(alg, "").replace("\"typ\":\"JWT\"", "\"typ\":\"id_token+jwt\""), claims("")));
        add(cases, "wrong-type", "Keycloak ID token whose aud names the API (nonce, at_hash, typ ID)",
                signed(header(alg, ""), claims("\"typ\":\"ID\",\"azp\":\"web-client\",\"nonce\":\"Dgm3-itbf_5ZSwkb\","
                        + "\"at_hash\":\"JyMVmkVDihFu5cignwASQQ\"")));
        add(cases, "wrong-type", "ID token with c_hash only", signed(header(alg, ""), claims("\"c_hash\":\"LDktKdoQak3Pk0cnXxCltA\"")));
        for (String kind : new String[] {"ID", "Refresh", "Offline", "Logout"}) {
            add(cases, "wrong-type", "Keycloak token with payload typ " + kind,
                    signed(header(alg, ""), claims("\"typ\":" + str(kind) + ",\"azp\":\"web-client\"")));
        }
        add(cases, "wrong-type", "Cognito ID token (token_use id)", signed(header(alg, ""), claims("\"token_use\":\"id\"")));
    }

    private void kidFlood(List<HostileCase> cases) {
        PrivateKey attackerKey = attacker.privateKey("rsa");
        for (int i = 0; i < 25; i++) {
            String h = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":" + str(UUID.randomUUID().toString()) + "}";
            add(cases, "unknown-kid-flood", "random kid " + i, Jose.jws(h, claims(""), "RS256", attackerKey));
        }
    }
}
