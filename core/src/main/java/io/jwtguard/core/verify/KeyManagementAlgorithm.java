package io.jwtguard.core.verify;

import java.util.Optional;

/**
 * The JWE key management algorithms accepted (MicroProfile JWT 2.1, {@code
 * mp.jwt.decrypt.key.algorithm}). PBES2, {@code dir}, RSA1_5 and every other algorithm are
 * refused before any key work.
 */
public enum KeyManagementAlgorithm {
    RSA_OAEP("RSA-OAEP"),
    RSA_OAEP_256("RSA-OAEP-256");

    private final String joseName;

    KeyManagementAlgorithm(String joseName) {
        this.joseName = joseName;
    }

    /** @return the JOSE name, for example {@code RSA-OAEP-256} */
    public String joseName() {
        return joseName;
    }

    /** @return the algorithm of that exact JOSE name, or empty */
    public static Optional<KeyManagementAlgorithm> fromJoseName(String name) {
        for (KeyManagementAlgorithm a : values()) {
            if (a.joseName.equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
