package io.jwtguard.core.testing;

import io.jwtguard.core.store.RevocationSnapshot;
import io.jwtguard.core.store.RevocationStore;
import java.time.Instant;
import java.util.Objects;

/**
 * A revocation store that forwards every call to another: tests override the calls they want to
 * fail, count or hold up.
 */
public class ForwardingRevocationStore implements RevocationStore {
    private final RevocationStore delegate;

    public ForwardingRevocationStore(RevocationStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void revokeAccessToken(String jti, Instant expiresAt) {
        delegate.revokeAccessToken(jti, expiresAt);
    }

    @Override
    public void revokeSubject(String subject, Instant issuedBefore, Instant expiresAt) {
        delegate.revokeSubject(subject, issuedBefore, expiresAt);
    }

    @Override
    public long subjectEpoch(String subject) {
        return delegate.subjectEpoch(subject);
    }

    @Override
    public void revokeGrant(String grantId, Instant expiresAt) {
        delegate.revokeGrant(grantId, expiresAt);
    }

    @Override
    public RevocationSnapshot snapshot(Instant now) {
        return delegate.snapshot(now);
    }

    @Override
    public int purgeExpiredRevocations(Instant now) {
        return delegate.purgeExpiredRevocations(now);
    }
}
