package io.jwtguard.core.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtguard.core.store.InMemoryTokenStore;
import io.jwtguard.core.store.RefreshFamily;
import io.jwtguard.core.store.RefreshLookup;
import io.jwtguard.core.store.RefreshTokenRecord;
import io.jwtguard.core.store.RefreshTokenStore;
import io.jwtguard.core.store.StoreUnavailableException;
import io.jwtguard.core.testing.MutableClock;
import io.jwtguard.core.testing.TestConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rotation, reuse detection, expiry and fail-closed behaviour of refresh tokens (RFC 9700 section 4.14.2). */
class RefreshTokenServiceTest {
    private final MutableClock clock = new MutableClock(TestConfigs.NOW);
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final List<RefreshEvent> events = new ArrayList<>();
    private final RefreshSettings settings = new RefreshSettings(Duration.ofDays(14), Duration.ofDays(1), Duration.ZERO);
    private final RefreshTokenService service = new RefreshTokenService(store, settings, clock, events::add);

    private IssuedRefreshToken login() {
        return service.start("alice", "web", Set.of("orders:read"), Set.of("user"));
    }

    @Test
    void startWhenLoginThenOpaque256BitTokenStoredOnlyAsHash() {
        IssuedRefreshToken token = login();

        assertThat(token.value()).hasSize(43).matches("[A-Za-z0-9_-]{43}").doesNotContain(".");
        assertThat(store.find(token.value())).isEmpty(); // the value is not a key of the store
        RefreshLookup stored = store.find(OpaqueTokens.hash(token.value())).orElseThrow();
        assertThat(stored.token().tokenHash()).isNotEqualTo(token.value());
        assertThat(stored.family().subject()).isEqualTo("alice");
        assertThat(stored.family().absoluteExpiry()).isEqualTo(TestConfigs.NOW.plus(Duration.ofDays(14)));
        assertThat(token.expiresAt()).isEqualTo(TestConfigs.NOW.plus(Duration.ofDays(1)));
        assertThat(token.toString()).doesNotContain(token.value());
    }

    @Test
    void startWhenManyLoginsThenValuesDistinct() {
        Set<String> values = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            values.add(OpaqueTokens.newToken());
        }
        assertThat(values).hasSize(1000);
    }

    @Test
    void rotateWhenActiveTokenThenNewTokenSameFamily() {
        IssuedRefreshToken first = login();
        clock.advance(Duration.ofMinutes(10));

        IssuedRefreshToken second = service.rotate(first.value(), "web");

        assertThat(second.value()).isNotEqualTo(first.value());
        assertThat(second.family().familyId()).isEqualTo(first.family().familyId());
        assertThat(second.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(1)));
        assertThat(service.rotate(second.value(), "web").family().familyId()).isEqualTo(first.family().familyId());
        assertThat(events).isEmpty();
    }

    @Test
    void rotateWhenRotatedTokenPresentedAgainThenFamilyRevokedAndEventRaised() {
        IssuedRefreshToken first = login();
        IssuedRefreshToken second = service.rotate(first.value(), "web");

        assertRefused(first.value(), RefreshFailure.REUSE_DETECTED);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(RefreshEventType.REUSE_DETECTED);
            assertThat(e.familyId()).isEqualTo(first.family().familyId());
            assertThat(e.subject()).isEqualTo("alice");
        });
        // the legitimate holder of the newest token must log in again too
        assertRefused(second.value(), RefreshFailure.FAMILY_REVOKED);
        assertThat(store.find(OpaqueTokens.hash(second.value())).orElseThrow().family().revoked()).isTrue();
    }

    @Test
    void rotateWhenOtherFamilyThenUnaffectedByReuse() {
        IssuedRefreshToken mine = login();
        IssuedRefreshToken other = service.start("bob", "web", Set.of(), Set.of());
        service.rotate(mine.value(), "web");
        assertRefused(mine.value(), RefreshFailure.REUSE_DETECTED);

        assertThat(service.rotate(other.value(), "web").family().subject()).isEqualTo("bob");
    }

    @Test
    void rotateWhenIdleTimeoutPassedThenIdleExpired() {
        IssuedRefreshToken first = login();
        clock.advance(Duration.ofDays(1));

        assertRefused(first.value(), RefreshFailure.IDLE_EXPIRED);
        assertThat(events).isEmpty();
    }

    @Test
    void rotateWhenUsedJustBeforeIdleTimeoutThenIdleWindowRestarts() {
        IssuedRefreshToken token = login();
        for (int day = 0; day < 5; day++) {
            clock.advance(Duration.ofHours(23));
            token = service.rotate(token.value(), "web");
        }
        assertThat(token.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(1)));
    }

    @Test
    void rotateWhenAbsoluteLifetimeReachedThenRefusedDespiteRotation() {
        IssuedRefreshToken token = login();
        Instant absolute = token.family().absoluteExpiry();
        for (int i = 0; i < 14; i++) {
            clock.advance(Duration.ofHours(23));
            token = service.rotate(token.value(), "web");
            assertThat(token.family().absoluteExpiry()).isEqualTo(absolute); // never extended
            assertThat(token.expiresAt()).isBeforeOrEqualTo(absolute);
        }
        clock.advance(Duration.between(clock.instant(), absolute));

        assertRefused(token.value(), RefreshFailure.ABSOLUTE_EXPIRED);
    }

    @Test
    void rotateWhenIdleExpiryWouldPassAbsoluteThenCappedAtAbsolute() {
        RefreshTokenService shortGrant = new RefreshTokenService(store,
                new RefreshSettings(Duration.ofDays(2), Duration.ofDays(1), Duration.ZERO), clock, events::add);
        IssuedRefreshToken token = shortGrant.start("alice", "web", Set.of(), Set.of());
        clock.advance(Duration.ofHours(23));
        token = shortGrant.rotate(token.value(), "web");
        assertThat(token.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(1)));
        clock.advance(Duration.ofHours(23));

        token = shortGrant.rotate(token.value(), "web");

        assertThat(token.expiresAt()).isEqualTo(token.family().absoluteExpiry())
                .isEqualTo(TestConfigs.NOW.plus(Duration.ofDays(2)));
    }

    @Test
    void rotateWhenWrongClientThenClientMismatchAndFamilyKept() {
        IssuedRefreshToken first = login();

        assertRefused(first.value(), "mobile", RefreshFailure.CLIENT_MISMATCH);
        assertThat(service.rotate(first.value(), "web")).isNotNull();
    }

    @Test
    void rotateWhenUnknownOrMalformedThenInvalidGrantWithSameDescription() {
        assertRefused(OpaqueTokens.newToken(), RefreshFailure.UNKNOWN_TOKEN);
        assertRefused("not-a-token", RefreshFailure.UNKNOWN_TOKEN);
        assertRefused(null, RefreshFailure.MALFORMED_REQUEST);
        for (RefreshFailure f : List.of(RefreshFailure.UNKNOWN_TOKEN, RefreshFailure.REUSE_DETECTED,
                RefreshFailure.IDLE_EXPIRED, RefreshFailure.ABSOLUTE_EXPIRED, RefreshFailure.FAMILY_REVOKED,
                RefreshFailure.CLIENT_MISMATCH)) {
            assertThat(f.errorCode()).isEqualTo("invalid_grant");
            assertThat(f.description()).isEqualTo(RefreshFailure.UNKNOWN_TOKEN.description());
        }
    }

    @Test
    void rotateWhenGraceOffThenImmediateRetryIsReuse() {
        IssuedRefreshToken first = login();
        service.rotate(first.value(), "web");

        assertRefused(first.value(), RefreshFailure.REUSE_DETECTED);
    }

    @Test
    void rotateWhenWithinGraceThenRetryRotatesOnceAndLostSuccessorDies() {
        RefreshTokenService graceful = new RefreshTokenService(store,
                new RefreshSettings(Duration.ofDays(14), Duration.ofDays(1), Duration.ofSeconds(10)), clock, events::add);
        IssuedRefreshToken first = graceful.start("alice", "web", Set.of(), Set.of());
        IssuedRefreshToken lost = graceful.rotate(first.value(), "web"); // the response never reached the client
        clock.advance(Duration.ofSeconds(5));

        IssuedRefreshToken retry = graceful.rotate(first.value(), "web");

        assertThat(retry.family().familyId()).isEqualTo(first.family().familyId());
        assertThat(events).extracting(RefreshEvent::type).containsExactly(RefreshEventType.GRACE_REUSE);
        assertThat(graceful.rotate(retry.value(), "web")).isNotNull();
        // a second retry of the same old token, or the lost successor showing up, is reuse
        assertThatThrownBy(() -> graceful.rotate(lost.value(), "web"))
                .isInstanceOfSatisfying(RefreshRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefreshFailure.REUSE_DETECTED));
    }

    @Test
    void rotateWhenGraceWindowPassedThenReuse() {
        RefreshTokenService graceful = new RefreshTokenService(store,
                new RefreshSettings(Duration.ofDays(14), Duration.ofDays(1), Duration.ofSeconds(10)), clock, events::add);
        IssuedRefreshToken first = graceful.start("alice", "web", Set.of(), Set.of());
        graceful.rotate(first.value(), "web");
        clock.advance(Duration.ofSeconds(10));

        assertThatThrownBy(() -> graceful.rotate(first.value(), "web"))
                .isInstanceOfSatisfying(RefreshRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefreshFailure.REUSE_DETECTED));
    }

    @Test
    void rotateWhenStoreCannotRecordRotationThenFailsClosedAndTokenStaysUsable() {
        FailingStore failing = new FailingStore(store);
        RefreshTokenService fragile = new RefreshTokenService(failing, settings, clock, events::add);
        IssuedRefreshToken first = fragile.start("alice", "web", Set.of(), Set.of());
        failing.failRotate = true;

        assertThatThrownBy(() -> fragile.rotate(first.value(), "web")).isInstanceOf(StoreUnavailableException.class);

        failing.failRotate = false;
        assertThat(fragile.rotate(first.value(), "web")).isNotNull(); // nothing was half-recorded
    }

    @Test
    void rotateWhenStoreCannotBeReadThenFailsClosed() {
        FailingStore failing = new FailingStore(store);
        RefreshTokenService fragile = new RefreshTokenService(failing, settings, clock, events::add);
        IssuedRefreshToken first = fragile.start("alice", "web", Set.of(), Set.of());
        failing.failFind = true;

        assertThatThrownBy(() -> fragile.rotate(first.value(), "web")).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void rotateWhenRaceLostThenReuseAndFamilyRevoked() {
        IssuedRefreshToken first = login();
        // another node rotates between our read and our compare-and-set
        RacingStore racing = new RacingStore(store, () -> service.rotate(first.value(), "web"));
        RefreshTokenService slow = new RefreshTokenService(racing, settings, clock, events::add);

        assertThatThrownBy(() -> slow.rotate(first.value(), "web"))
                .isInstanceOfSatisfying(RefreshRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefreshFailure.REUSE_DETECTED));
        assertThat(store.find(OpaqueTokens.hash(first.value())).orElseThrow().family().revoked()).isTrue();
    }

    @Test
    void revokeFamilyOfWhenTokenPresentedThenFamilyRevokedAndUnknownIgnored() {
        IssuedRefreshToken first = login();

        assertThat(service.revokeFamilyOf(first.value())).isPresent();
        assertThat(service.revokeFamilyOf(first.value())).isEmpty();
        assertThat(service.revokeFamilyOf(OpaqueTokens.newToken())).isEmpty();
        assertThat(service.revokeFamilyOf("garbage")).isEmpty();
        assertRefused(first.value(), RefreshFailure.FAMILY_REVOKED);
        assertThat(events).extracting(RefreshEvent::type).containsExactly(RefreshEventType.FAMILY_REVOKED);
    }

    @Test
    void purgeExpiredFamiliesWhenAbsoluteExpiryPassedThenGone() {
        IssuedRefreshToken first = login();
        clock.advance(Duration.ofDays(15));

        assertThat(store.purgeExpiredFamilies(clock.instant())).isEqualTo(1);
        assertRefused(first.value(), RefreshFailure.UNKNOWN_TOKEN);
    }

    private void assertRefused(String token, RefreshFailure reason) {
        assertRefused(token, "web", reason);
    }

    private void assertRefused(String token, String client, RefreshFailure reason) {
        assertThatThrownBy(() -> service.rotate(token, client))
                .isInstanceOfSatisfying(RefreshRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    if (token != null) {
                        assertThat(e.getMessage()).doesNotContain(token);
                    }
                });
    }

    /** Delegates, failing on demand. */
    static final class FailingStore implements RefreshTokenStore {
        private final RefreshTokenStore delegate;
        volatile boolean failRotate;
        volatile boolean failFind;

        FailingStore(RefreshTokenStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void createFamily(RefreshFamily family, RefreshTokenRecord first) {
            delegate.createFamily(family, first);
        }

        @Override
        public Optional<RefreshLookup> find(String tokenHash) {
            if (failFind) {
                throw new StoreUnavailableException("down", null);
            }
            return delegate.find(tokenHash);
        }

        @Override
        public boolean rotate(String consumedHash, Instant now, RefreshTokenRecord successor) {
            if (failRotate) {
                throw new StoreUnavailableException("down", null);
            }
            return delegate.rotate(consumedHash, now, successor);
        }

        @Override
        public boolean revokeFamily(String familyId, Instant now) {
            return delegate.revokeFamily(familyId, now);
        }

        @Override
        public int revokeFamiliesOfSubject(String subject, Instant now) {
            return delegate.revokeFamiliesOfSubject(subject, now);
        }

        @Override
        public java.util.List<String> familyIdsOfSubject(String subject) {
            return delegate.familyIdsOfSubject(subject);
        }

        @Override
        public int purgeExpiredFamilies(Instant now) {
            return delegate.purgeExpiredFamilies(now);
        }
    }

    /** Runs {@code race} after the lookup and before the compare-and-set. */
    static final class RacingStore implements RefreshTokenStore {
        private final RefreshTokenStore delegate;
        private final Runnable race;

        RacingStore(RefreshTokenStore delegate, Runnable race) {
            this.delegate = delegate;
            this.race = race;
        }

        @Override
        public void createFamily(RefreshFamily family, RefreshTokenRecord first) {
            delegate.createFamily(family, first);
        }

        @Override
        public Optional<RefreshLookup> find(String tokenHash) {
            Optional<RefreshLookup> found = delegate.find(tokenHash);
            race.run();
            return found;
        }

        @Override
        public boolean rotate(String consumedHash, Instant now, RefreshTokenRecord successor) {
            return delegate.rotate(consumedHash, now, successor);
        }

        @Override
        public boolean revokeFamily(String familyId, Instant now) {
            return delegate.revokeFamily(familyId, now);
        }

        @Override
        public int revokeFamiliesOfSubject(String subject, Instant now) {
            return delegate.revokeFamiliesOfSubject(subject, now);
        }

        @Override
        public java.util.List<String> familyIdsOfSubject(String subject) {
            return delegate.familyIdsOfSubject(subject);
        }

        @Override
        public int purgeExpiredFamilies(Instant now) {
            return delegate.purgeExpiredFamilies(now);
        }
    }
}
