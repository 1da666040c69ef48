package io.jwtguard.tck.hostile;

import static io.jwtguard.tck.hostile.TokenBytes.fixed;
import static io.jwtguard.tck.hostile.TokenBytes.str;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The DPoP cases (RFC 9449) of the catalogue, for a target with DPoP enabled ({@code allowed}) and
 * RFC 9457 problem bodies: the legitimate DPoP requests (ES256 and EdDSA proofs, each with a token bound
 * to its key by {@code cnf.jkt}) and one request per attack, each expecting its status, {@code error}
 * and exact reason code. Every attack request carries a token the target trusts, bound to the proof's
 * key, and a proof valid in every respect but the one under attack, so only that defence stops it.
 * The proofs are built for {@code GET} on the target URI now: send them within the proof age.
 */
public final class DPoPCases {
    private static final String PROOF = "dpop-proof";
    private static final String BINDING = "dpop-binding";
    private static final String INVALID_PROOF = "invalid_dpop_proof";

    private final HostileCases catalogue;
    private final String htu;
    private final int maxProofSize;
    private final long now;
    private final KeyPair ec = generate("EC");
    private final KeyPair ed = generate("Ed25519");
    private final KeyPair other = generate("EC");

    /**
     * @param catalogue the catalogue whose trusted keys sign the access tokens
     * @param target the URI the requests go to ({@code htu})
     * @param maxProofSize the target's {@code jwtguard.dpop.proof.max-size}
     */
    public DPoPCases(HostileCases catalogue, java.net.URI target, int maxProofSize) {
        this.catalogue = catalogue;
        this.htu = target.toString();
        this.maxProofSize = maxProofSize;
        this.now = catalogue.now();
    }

    /** @return the legitimate DPoP requests first, then the attacks */
    public List<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>();
        String token = boundToken(ec.getPublic());
        String edToken = boundToken(ed.getPublic());
        cases.add(legitimate("DPoP, ES256 proof", token, proof(ec, "ES256", "GET", htu, now, token)));
        cases.add(legitimate("DPoP, EdDSA proof", edToken, proof(ed, "EdDSA", "GET", htu, now, edToken)));

        cases.add(refused(PROOF, "no DPoP header", token, List.of(), 1, "DPOP_PROOF_MISSING"));
        cases.add(refused(PROOF, "two DPoP headers", token, List.of(valid(token), valid(token)), 1,
                "DPOP_PROOF_MULTIPLE"));
        cases.add(refused(PROOF, "two proofs comma-joined in one header", token,
                List.of(valid(token) + ", " + valid(token)), 1, "DPOP_PROOF_MULTIPLE"));
        cases.add(refused(PROOF, "typ JWT", token, List.of(sign(header("ES256", "JWT", jwk(ec.getPublic())),
                claims("GET", htu, now, ath(token), ""), ec, "ES256")), 1, "DPOP_PROOF_TYPE"));
        String noneInput = Jose.b64(header("none", "dpop+jwt", jwk(ec.getPublic()))) + "."
                + Jose.b64(claims("GET", htu, now, ath(token), ""));
        cases.add(refused(PROOF, "alg none, with a signature", token,
                List.of(noneInput + "." + Jose.b64(new byte[64])), 1, "DPOP_PROOF_ALGORITHM"));
        cases.add(refused(PROOF, "alg none, empty signature", token, List.of(noneInput + "."), 1,
                "DPOP_PROOF_MALFORMED"));
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 7);
        String hmacJwk = "{\"kty\":\"oct\",\"k\":" + str(Jose.b64(secret)) + "}";
        cases.add(refused(PROOF, "HS256 proof", token, List.of(Jose.jws(header("HS256", "dpop+jwt", hmacJwk),
                claims("GET", htu, now, ath(token), ""), "HS256", secret)), 1, "DPOP_PROOF_ALGORITHM"));
        String privateJwk = jwk(ec.getPublic()).replace("}", ",\"d\":"
                + str(Jose.b64(fixed(((ECPrivateKey) ec.getPrivate()).getS(), 32))) + "}");
        cases.add(refused(PROOF, "private key in jwk", token, List.of(sign(header("ES256", "dpop+jwt", privateJwk),
                claims("GET", htu, now, ath(token), ""), ec, "ES256")), 1, "DPOP_PROOF_KEY"));
        cases.add(refused(PROOF, "signed by another key than its jwk", token, List.of(sign(header("ES256",
                "dpop+jwt", jwk(ec.getPublic())), claims("GET", htu, now, ath(token), ""), other, "ES256")), 1,
                "DPOP_PROOF_SIGNATURE"));
        cases.add(refused(PROOF, "htm POST for a GET", token, List.of(proof(ec, "ES256", "POST", htu, now, token)),
                1, "DPOP_PROOF_METHOD"));
        cases.add(refused(PROOF, "htu of another resource", token,
                List.of(proof(ec, "ES256", "GET", htu + "-other", now, token)), 1, "DPOP_PROOF_URI"));
        cases.add(refused(PROOF, "htu of another host", token, List.of(proof(ec, "ES256", "GET",
                htu.replaceFirst("//[^/]+", "//attacker.example"), now, token)), 1, "DPOP_PROOF_URI"));
        cases.add(refused(PROOF, "iat an hour ago (stale)", token,
                List.of(proof(ec, "ES256", "GET", htu, now - 3600, token)), 1, "DPOP_PROOF_STALE"));
        cases.add(refused(PROOF, "iat in an hour (future)", token,
                List.of(proof(ec, "ES256", "GET", htu, now + 3600, token)), 1, "DPOP_PROOF_FUTURE"));
        cases.add(refused(PROOF, "replayed jti (same proof twice)", token, List.of(valid(token)), 2,
                "DPOP_PROOF_REPLAYED"));
        cases.add(refused(PROOF, "ath of another access token", token,
                List.of(proof(ec, "ES256", "GET", htu, now, boundToken(ec.getPublic()))), 1, "DPOP_PROOF_ATH"));
        cases.add(refused(PROOF, "ath missing", token, List.of(sign(header("ES256", "dpop+jwt", jwk(ec.getPublic())),
                claims("GET", htu, now, null, ""), ec, "ES256")), 1, "DPOP_PROOF_ATH"));
        String padding = ",\"pad\":" + str("x".repeat(maxProofSize));
        cases.add(refused(PROOF, "proof over the size limit", token, List.of(sign(header("ES256", "dpop+jwt",
                jwk(ec.getPublic())), claims("GET", htu, now, ath(token), padding), ec, "ES256")), 1,
                "DPOP_PROOF_SIZE_EXCEEDED"));

        String otherToken = boundToken(other.getPublic());
        cases.add(new HostileCase(BINDING, "cnf.jkt of another key", otherToken, 401, "invalid_token", "DPoP",
                List.of(valid(otherToken)), 1, "DPOP_BINDING_MISMATCH"));
        String unbound = catalogue.signed(catalogue.header(catalogue.trustedAlg(), ""), catalogue.claims(""));
        cases.add(new HostileCase(BINDING, "unbound token with the DPoP scheme", unbound, 401, "invalid_token", "DPoP",
                List.of(valid(unbound)), 1, "DPOP_BINDING_MISMATCH"));
        cases.add(new HostileCase(BINDING, "bound token sent as Bearer", token, 401, "invalid_token", "Bearer",
                List.of(), 1, "DPOP_BOUND_TOKEN_AS_BEARER"));
        cases.add(new HostileCase(BINDING, "bound token sent as Bearer with a valid proof", token, 401,
                "invalid_token", "Bearer", List.of(valid(token)), 1, "DPOP_BOUND_TOKEN_AS_BEARER"));
        return cases;
    }

    private static HostileCase legitimate(String name, String token, String proof) {
        return new HostileCase(HostileCase.LEGITIMATE, name, token, 200, null, "DPoP", List.of(proof), 1, null);
    }

    private static HostileCase refused(String attackClass, String name, String token, List<String> proofs,
            int sends, String reason) {
        return new HostileCase(attackClass, name, token, 401, INVALID_PROOF, "DPoP", proofs, sends, reason);
    }

    /** @return an access token the target trusts, bound to {@code key} by {@code cnf.jkt} */
    private String boundToken(PublicKey key) {
        return catalogue.signed(catalogue.header(catalogue.trustedAlg(), ""),
                catalogue.claims("\"cnf\":{\"jkt\":" + str(thumbprint(key)) + "}"));
    }

    private String valid(String token) {
        return proof(ec, "ES256", "GET", htu, now, token);
    }

    private static String proof(KeyPair pair, String alg, String htm, String htu, long iat, String token) {
        return sign(header(alg, "dpop+jwt", jwk(pair.getPublic())), claims(htm, htu, iat, ath(token), ""), pair, alg);
    }

    private static String sign(String header, String claims, KeyPair pair, String alg) {
        return Jose.jws(header, claims, alg, pair.getPrivate());
    }

    private static String header(String alg, String typ, String jwk) {
        return "{\"typ\":" + str(typ) + ",\"alg\":" + str(alg) + ",\"jwk\":" + jwk + "}";
    }

    private static String claims(String htm, String htu, long iat, String ath, String extra) {
        return "{\"jti\":" + str(UUID.randomUUID().toString()) + ",\"htm\":" + str(htm) + ",\"htu\":" + str(htu)
                + ",\"iat\":" + iat + (ath == null ? "" : ",\"ath\":" + str(ath)) + extra + "}";
    }

    /** @return {@code base64url(SHA-256(token))}, the proof's {@code ath} (RFC 9449 section 4.2) */
    private static String ath(String token) {
        return Jose.b64(sha256(token.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The public JWK of a P-256 or Ed25519 key, members in RFC 7638 order (so it is its thumbprint input). */
    private static String jwk(PublicKey key) {
        if (key instanceof ECPublicKey) {
            ECPublicKey ecKey = (ECPublicKey) key;
            return "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":" + str(Jose.b64(fixed(ecKey.getW().getAffineX(), 32)))
                    + ",\"y\":" + str(Jose.b64(fixed(ecKey.getW().getAffineY(), 32))) + "}";
        }
        byte[] spki = key.getEncoded(); // an Ed25519 SubjectPublicKeyInfo ends with the 32-byte public key
        return "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":"
                + str(Jose.b64(Arrays.copyOfRange(spki, spki.length - 32, spki.length))) + "}";
    }

    /** @return the RFC 7638 thumbprint of the key */
    static String thumbprint(PublicKey key) {
        return Jose.b64(sha256(jwk(key).getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
