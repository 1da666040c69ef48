package io.jwtguard.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores refresh-token families and the hashes of their tokens. Implementations must be
 * thread-safe, and {@link #rotate} must be atomic across every node that shares the store:
 * among concurrent rotations of one token, exactly one returns true.
 *
 * <p>Every method throws {@link StoreUnavailableException} when the store cannot be reached;
 * callers fail closed.
 */
public interface RefreshTokenStore {

    /** Stores a new family with its first, active token. */
    void createFamily(RefreshFamily family, RefreshTokenRecord first);

    /** @return the token with this hash and its family, or empty if unknown (or purged) */
    Optional<RefreshLookup> find(String tokenHash);

    /**
     * Compare-and-set rotation: if the token {@code consumedHash} is {@link RefreshTokenState#ACTIVE}
     * and its family is not revoked, marks it rotated at {@code now} with {@code successor} as its
     * successor and stores {@code successor}, atomically.
     *
     * @return true if this call rotated the token; false (and nothing changed) if it was no longer
     *     active, its family was revoked, or it is unknown
     */
    boolean rotate(String consumedHash, Instant now, RefreshTokenRecord successor);

    /**
     * Revokes a family: none of its tokens can be used any more.
     *
     * @return true if this call revoked it; false if it was revoked already or is unknown
     */
    boolean revokeFamily(String familyId, Instant now);

    /** Revokes every live family of {@code subject}; @return how many this call revoked */
    int revokeFamiliesOfSubject(String subject, Instant now);

    /**
     * @return the ids of every family of {@code subject} still stored, revoked or not (purged ones
     *     excepted), read after every write that completed before this call
     */
    List<String> familyIdsOfSubject(String subject);

    /** Deletes families whose absolute expiry passed before {@code now}, with their tokens; @return how many */
    int purgeExpiredFamilies(Instant now);
}
