package io.jwtguard.core.dpop;

import io.jwtguard.core.jose.JwsAlgorithm;
import java.time.Instant;
import java.util.Objects;

/**
 * A DPoP proof that passed every check of {@link DPoPProofVerifier}. Holds no part of the proof's
 * serialisation.
 *
 * @param thumbprint the RFC 7638 SHA-256 thumbprint of the proof's key (what {@code cnf.jkt} names)
 * @param algorithm the proof's algorithm
 * @param issuedAt the proof's {@code iat}
 */
public record DPoPProof(String thumbprint, JwsAlgorithm algorithm, Instant issuedAt) {
    public DPoPProof {
        Objects.requireNonNull(thumbprint, "thumbprint");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }
}
