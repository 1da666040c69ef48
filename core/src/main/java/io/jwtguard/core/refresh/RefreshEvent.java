package io.jwtguard.core.refresh;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a security team wants to know about a refresh family. Carries identifiers, never a
 * token or token hash. Immutable.
 *
 * @param type what happened, not null
 * @param familyId the family, not null
 * @param subject the family's subject, not null
 * @param clientId the family's client, not null
 * @param at when, not null
 */
public record RefreshEvent(RefreshEventType type, String familyId, String subject, String clientId, Instant at) {
    public RefreshEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(at, "at");
    }
}
