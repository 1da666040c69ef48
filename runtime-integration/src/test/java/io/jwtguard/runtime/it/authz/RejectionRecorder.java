package io.jwtguard.runtime.it.authz;

import io.jwtguard.runtime.observe.TokenRejected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

@ApplicationScoped
public class RejectionRecorder {
    private final List<TokenRejected> events = new CopyOnWriteArrayList<>();

    void on(@Observes TokenRejected event) {
        events.add(event);
    }

    public List<TokenRejected> events() {
        return events;
    }
}
