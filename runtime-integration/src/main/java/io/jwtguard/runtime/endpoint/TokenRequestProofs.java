package io.jwtguard.runtime.endpoint;

import io.jwtguard.core.availability.VerificationUnavailableException;
import io.jwtguard.core.config.EndpointSettings;
import io.jwtguard.core.dpop.DPoPMode;
import io.jwtguard.core.dpop.DPoPNonces;
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
 * With {@code jwtguard.dpop.nonce=required} every proof must carry a current server nonce, and every
 * token response hands out a fresh one in {@code DPoP-Nonce}. Stateless.
 */
final class TokenRequestProofs {
    /** The header carrying a server nonce (RFC 9449 section 8). */
    static final String NONCE_HEADER = "DPoP-Nonce";
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
     * The proof check of one token request.
     *
     * @param answered true when the request was refused and the response written (400 or 503): the
     *     caller stops
     * @param thumbprint the RFC 7638 thumbprint of the verified proof's key, or null for none
     */
    record Checked(boolean answered, String thumbprint) {
    }

    /**
     * Checks the request's proof ({@link #thumbprint}) and answers a refusal itself: 400
     * ({@link #refuse}) for a bad or missing proof, 503 when the replay cache cannot record it.
     */
    static Checked check(HttpServletRequest request, HttpServletResponse response, JwtGuard guard,
            EndpointSettings settings) throws IOException {
        try {
            return new Checked(false, thumbprint(request, guard, settings).orElse(null));
        } catch (DPoPProofException e) {
            refuse(response, e, guard);
        } catch (VerificationUnavailableException e) {
            TokenResponses.unavailable(response, e);
        }
        return new Checked(true, null);
    }

    /**
     * Writes the RFC 9449 section 5 error: 400 {@code invalid_dpop_proof} with the reason's fixed
     * description, never any part of the proof; for a missing or stale server nonce 400
     * {@code use_dpop_nonce} with the nonce to use in {@code DPoP-Nonce} (section 8).
     */
    static void refuse(HttpServletResponse response, DPoPProofException e, JwtGuard guard) throws IOException {
        if (e.reason() == DPoPRefusal.DPOP_USE_NONCE) {
            DPoPNonces nonces = guard.authenticator().dpopSettings().nonces();
            response.setHeader(NONCE_HEADER, nonces.current(guard.clock().instant()));
            TokenResponses.error(response, 400, e.reason().errorCode().code(), e.reason().description());
            return;
        }
        String description = e.reason() == DPoPRefusal.DPOP_PROOF_MISSING ? REQUIRED_DESCRIPTION
                : e.reason().description();
        TokenResponses.error(response, 400, "invalid_dpop_proof", description);
    }

    /**
     * Sets a fresh {@code DPoP-Nonce} on a successful token response when nonces are required (RFC
     * 9449 section 8: the client uses it in its next proofs, here and at the resources).
     */
    static void freshNonce(HttpServletResponse response, JwtGuard guard, EndpointSettings settings) {
        DPoPNonces nonces = guard.authenticator().dpopSettings().nonces();
        if (nonces.required() && settings.dpop() != DPoPMode.OFF) {
            response.setHeader(NONCE_HEADER, nonces.current(guard.clock().instant()));
        }
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
