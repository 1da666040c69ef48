package io.jwtguard.runtime.it.rules;

import io.jwtguard.core.verify.RejectionReason;
import io.jwtguard.runtime.guard.JwtGuards;
import io.jwtguard.runtime.observe.RejectionCounters;
import io.jwtguard.runtime.observe.TokenRejected;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

@Path("rules")
@ApplicationScoped
public class RulesResource {
    private final List<TokenRejected> events = new CopyOnWriteArrayList<>();

    @Inject
    TenantRule tenants;

    @Inject
    RejectionCounters counters;

    @Context
    SecurityContext security;

    void on(@Observes TokenRejected event) {
        events.add(event);
    }

    @GET
    @RolesAllowed("user")
    public String whoami() {
        return security.getUserPrincipal().getName();
    }

    @POST
    @Path("offboard/{tenant}")
    @PermitAll
    public String offboard(@PathParam("tenant") String tenant) {
        tenants.offboard(tenant);
        return "ok";
    }

    @GET
    @Path("stats")
    @PermitAll
    public String stats() {
        long cached = JwtGuards.find(Thread.currentThread().getContextClassLoader())
                .map(guard -> guard.authenticator().verifier().cachedTokenCount()).orElse(-1L);
        return events.stream().map(e -> "event=" + e.reason().name() + "|" + e.ruleCode().orElse("-"))
                .collect(Collectors.joining("\n"))
                + "\ncounter.CUSTOM_RULE=" + counters.count(RejectionReason.CUSTOM_RULE)
                + "\nrules=" + counters.ruleSnapshot()
                + "\ncached=" + cached;
    }
}
