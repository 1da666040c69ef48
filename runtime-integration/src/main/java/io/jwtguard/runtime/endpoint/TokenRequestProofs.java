package io.jwtguard.runtime.endpoint;

import io.jwtguard.core.config.EndpointSettings;
import io.jwtguard.core.dpop.DPoPMode;
import io.jwtguard.core.dpop.DPoPProofException;
import io.jwtguard.core.dpop.DPoPProofVerifier;
import io.jwtguard.core.dpop.DPoPRefusal;
import io.jwtguard.core.dpop.HttpUris;
import io.jwtguard.runtime.guard.JwtGuard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The DPoP proof of a token request (login or refresh, RFC 9449 section 5), checked with the
 * application's {@link DPoPProofVerifier} and its replay cache: {@code htm} the request's method,
 * {@code htu} the endpoint's URL as the client addressed it ({@code jwtguard.dpop.external-base-url}
 * and the request path behind a proxy, else the URL the container reconstructed), no {@code ath}.
 *
 * <p>What {@code jwtguard.endpoints.dpop} does with it: {@code off} ignores the {@code DPoP} header;
 * {@code allowed} checks a proof when there is one; {@code required} refuses a request without one.
 * Stateless.
 */
final class TokenRequestProofs {
    /** The description of a refusal for a missing proof where one is required. */
    static final String REQUIRED_DESCRIPTION = "A DPoP proof is required at this endpoint (RFC 9449)";

    private TokenRequestProofs() {
    }

    /**
     * @param request the token request, not null
     * @param guard the application's guard, not null
     * @param settings the endpoints' settings, not null
     * @return the RFC 7638 thumbprint of the verified proof's key; empty when the request has no proof
     *     and none is required, or when DPoP is off at the endpoints
     * @throws DPoPProofException for a proof that fails a check, or a missing one where required
     * @throws io.jwtguard.core.availability.VerificationUnavailableException when the replay cache
     *     cannot record the proof (answer 503)
     */
    static Optional<String> thumbprint(HttpServletRequest request, JwtGuard guard, EndpointSettings settings) {
        if (settings.dpop() == DPoPMode.OFF) {
            return Optional.empty();
        }
        List<String> proofs = headerValues(request);
        if (proofs.isEmpty()) {
            if (settings.dpop() == DPoPMode.REQUIRED) {
                throw new DPoPProofException(DPoPRefusal.DPOP_PROOF_MISSING,
                        "no DPoP header while jwtguard.endpoints.dpop=required");
            }
            return Optional.empty();
        }
        DPoPProofVerifier verifier = guard.authenticator().dpopVerifier();
        return Optional.of(verifier.verifyTokenRequest(proofs, request.getMethod(),
                requestUri(request, verifier.settings().externalBaseUrl())).thumbprint());
    }

    /**
     * Writes the RFC 9449 section 5 error: 400 {@code invalid_dpop_proof} with the reason's fixed
     * description, never any part of the proof.
     */
    static void refuse(HttpServletResponse response, DPoPProofException e) throws IOException {
        String description = e.reason() == DPoPRefusal.DPOP_PROOF_MISSING ? REQUIRED_DESCRIPTION
                : e.reason().description();
        TokenResponses.error(response, 400, "invalid_dpop_proof", description);
    }

    private static List<String> headerValues(HttpServletRequest request) {
        var values = request.getHeaders("DPoP");
        return values == null ? List.of() : Collections.list(values);
    }

    private static String requestUri(HttpServletRequest request, Optional<URI> externalBaseUrl) {
        if (externalBaseUrl.isPresent()) {
            return HttpUris.join(externalBaseUrl.get(), request.getRequestURI());
        }
        return request.getRequestURL().toString();
    }
}
