package io.jwtguard.runtime.cdi;

import io.jwtguard.runtime.observe.RejectionListener;
import io.jwtguard.runtime.observe.TokenRejected;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Objects;

/** Fires each rejection as a CDI {@link TokenRejected} event of the application. Thread-safe. */
final class CdiRejectionListener implements RejectionListener {
    private final Event<TokenRejected> event;

    CdiRejectionListener(BeanManager beanManager) {
        this.event = Objects.requireNonNull(beanManager, "beanManager").getEvent().select(TokenRejected.class);
    }

    @Override
    public void rejected(TokenRejected rejection) {
        event.fire(rejection);
    }
}
