package io.jwtguard.core.issue;

import io.jwtguard.core.store.RefreshTokenStore;
import java.util.concurrent.CountDownLatch;

/** Lets tests of other packages use {@link TokenServiceTest}'s race helpers. */
public final class TokenServiceTestAccess {
    private TokenServiceTestAccess() {
    }

    /** @see TokenServiceTest#pauseAfterRotate */
    public static RefreshTokenStore pauseAfterRotate(RefreshTokenStore store, CountDownLatch rotated, CountDownLatch go) {
        return TokenServiceTest.pauseAfterRotate(store, rotated, go);
    }
}
