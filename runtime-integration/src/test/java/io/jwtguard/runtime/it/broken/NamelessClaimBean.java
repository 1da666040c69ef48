package io.jwtguard.runtime.it.broken;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.Claim;

/** Malformed: @Claim without a claim name. */
@RequestScoped
public class NamelessClaimBean {
    @Inject
    @Claim
    String nameless;
}
