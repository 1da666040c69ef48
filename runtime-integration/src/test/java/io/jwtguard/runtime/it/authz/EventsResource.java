package io.jwtguard.runtime.it.authz;

import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.runtime.http.RequestRefusal;
import io.jwtguard.runtime.observe.RejectionCounters;
import io.jwtguard.runtime.observe.TokenRejected;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.stream.Collectors;

@Path("events")
@PermitAll
public class EventsResource {
    @Inject
    RejectionRecorder recorder;

    @Inject
    RejectionCounters counters;

    @GET
    public String events() {
        String events = recorder.events().stream().map(EventsResource::line).collect(Collectors.joining("\n"));
        return events + "\ncounter.EXPIRED=" + counters.count(RejectionReason.EXPIRED)
                + "\ncounter.MULTIPLE_TOKENS=" + counters.count(RequestRefusal.MULTIPLE_TOKENS)
                + "\ncounter.INSUFFICIENT_SCOPE=" + counters.count(RequestRefusal.INSUFFICIENT_SCOPE);
    }

    private static String line(TokenRejected e) {
        return "event=" + e.reason() + "|" + e.claimedIssuer().orElse("-") + "|" + e.tokenDigest().orElse("-");
    }
}
