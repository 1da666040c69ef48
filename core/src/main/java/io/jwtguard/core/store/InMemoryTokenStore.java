package io.jwtguard.core.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Both stores in the memory of one node: the default, for a single application instance.
 * Nothing survives a restart, and nothing is shared with other nodes (use {@link JdbcTokenStore}
 * for a cluster). Revocations are visible to the next verification on this node at once.
 *
 * <p>Thread-safe: every operation holds one lock, so rotation is trivially atomic; reads of the
 * revocation list take an immutable snapshot that is replaced on each change (revocations are
 * rare, verifications frequent).
 */
public final class InMemoryTokenStore implements RefreshTokenStore, RevocationStore {
    private final Map<String, RefreshFamily> families = new HashMap<>();
    private final Map<String, RefreshTokenRecord> tokens = new HashMap<>();
    private final Map<String, Instant> jtis = new HashMap<>();
    private final Map<String, Instant> grants = new HashMap<>();
    private final Map<String, Instant[]> subjects = new HashMap<>(); // {cutoff, expiresAt}
    private volatile RevocationSnapshot snapshot = RevocationSnapshot.EMPTY;

    @Override
    public synchronized void createFamily(RefreshFamily family, RefreshTokenRecord first) {
        if (families.containsKey(family.familyId()) || tokens.containsKey(first.tokenHash())) {
            throw new IllegalStateException("family or token already stored");
        }
        families.put(family.familyId(), family);
        tokens.put(first.tokenHash(), first);
    }

    @Override
    public synchronized Optional<RefreshLookup> find(String tokenHash) {
        RefreshTokenRecord token = tokens.get(tokenHash);
        if (token == null) {
            return Optional.empty();
        }
        return Optional.of(new RefreshLookup(token, families.get(token.familyId())));
    }

    @Override
    public synchronized boolean rotate(String consumedHash, Instant now, RefreshTokenRecord successor) {
        RefreshTokenRecord consumed = tokens.get(consumedHash);
        if (consumed == null || consumed.state() != RefreshTokenState.ACTIVE) {
            return false;
        }
        RefreshFamily family = families.get(consumed.familyId());
        if (family == null || family.revoked() || !family.familyId().equals(successor.familyId())) {
            return false;
        }
        tokens.put(consumedHash, consumed.rotated(now, successor.tokenHash()));
        tokens.put(successor.tokenHash(), successor);
        return true;
    }

    @Override
    public synchronized boolean revokeFamily(String familyId, Instant now) {
        RefreshFamily family = families.get(familyId);
        if (family == null || family.revoked()) {
            return false;
        }
        families.put(familyId, family.revokedAt(now));
        return true;
    }

    @Override
    public synchronized int revokeFamiliesOfSubject(String subject, Instant now) {
        int count = 0;
        for (Map.Entry<String, RefreshFamily> e : families.entrySet()) {
            if (e.getValue().subject().equals(subject) && !e.getValue().revoked()) {
                e.setValue(e.getValue().revokedAt(now));
                count++;
            }
        }
        return count;
    }

    @Override
    public synchronized List<String> familyIdsOfSubject(String subject) {
        List<String> ids = new ArrayList<>();
        families.values().stream().filter(f -> f.subject().equals(subject)).forEach(f -> ids.add(f.familyId()));
        return ids;
    }

    @Override
    public synchronized int purgeExpiredFamilies(Instant now) {
        int count = 0;
        for (Iterator<RefreshFamily> it = families.values().iterator(); it.hasNext();) {
            RefreshFamily family = it.next();
            if (family.absoluteExpiry().isBefore(now)) {
                it.remove();
                tokens.values().removeIf(t -> t.familyId().equals(family.familyId()));
                count++;
            }
        }
        return count;
    }

    @Override
    public synchronized void revokeAccessToken(String jti, Instant expiresAt) {
        jtis.merge(jti, expiresAt, RevocationSnapshot::later);
        publish();
    }

    @Override
    public synchronized void revokeGrant(String grantId, Instant expiresAt) {
        grants.merge(grantId, expiresAt, RevocationSnapshot::later);
        publish();
    }

    @Override
    public synchronized void revokeSubject(String subject, Instant issuedBefore, Instant expiresAt) {
        Instant cutoff = issuedBefore.truncatedTo(ChronoUnit.MILLIS);
        subjects.merge(subject, new Instant[] {cutoff, expiresAt}, (old, now) -> new Instant[] {
            RevocationSnapshot.later(old[0].plusMillis(1), now[0]), RevocationSnapshot.later(old[1], now[1])});
        publish();
    }

    @Override
    public synchronized long subjectEpoch(String subject) {
        Instant[] entry = subjects.get(subject);
        return entry == null ? 0 : entry[0].toEpochMilli();
    }

    @Override
    public RevocationSnapshot snapshot(Instant now) {
        // expired entries cannot revoke anything alive: returning them until the purge is harmless
        return snapshot;
    }

    @Override
    public synchronized int purgeExpiredRevocations(Instant now) {
        int before = jtis.size() + subjects.size() + grants.size();
        jtis.values().removeIf(expiry -> expiry.isBefore(now));
        grants.values().removeIf(expiry -> expiry.isBefore(now));
        subjects.values().removeIf(entry -> entry[1].isBefore(now));
        publish();
        return before - jtis.size() - subjects.size() - grants.size();
    }

    private void publish() {
        Map<String, Instant> cutoffs = new HashMap<>();
        subjects.forEach((subject, entry) -> cutoffs.put(subject, entry[0]));
        snapshot = new RevocationSnapshot(jtis, cutoffs, grants);
    }

    /**
     * @return how many refresh tokens are stored now, rotated and revoked ones included (they are
     *     kept until their family's absolute expiry, for reuse detection); for observation only
     */
    public synchronized int refreshTokenCount() {
        return tokens.size();
    }

    @Override
    public String toString() {
        return "InMemoryTokenStore";
    }
}
