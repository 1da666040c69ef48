package io.jwtguard.runtime.it.stale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.Claim;

/** Malformed: a raw claim value in an application-scoped bean would keep the first request's value. */
@ApplicationScoped
public class StaleClaimBean {
    @Inject
    @Claim("upn")
    String upn;
}
