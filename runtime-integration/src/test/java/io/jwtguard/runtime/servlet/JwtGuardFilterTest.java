package io.jwtguard.runtime.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtguard.runtime.guard.JwtGuard;
import io.jwtguard.runtime.testing.Deployments;
import io.jwtguard.runtime.testing.ServletFakes;
import io.jwtguard.runtime.testing.ServletFakes.RecordingResponse;
import io.jwtguard.runtime.testing.TestTokens;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The servlet filter next to a server's own MP-JWT filter that wraps the request before it. */
class JwtGuardFilterTest {
    private static final JwtGuard GUARD = JwtGuard.create(name -> Optional.ofNullable(Deployments.baseConfig().get(name)));

    /**
     * TomEE's {@code MPJWTFilter} runs before JWT Guard's and wraps the request; its wrapper
     * verifies the token again, with TomEE's own rules, when asked for the principal or a role.
     */
    static final class ServerVerifyingRequest extends HttpServletRequestWrapper {
        int verifications;

        ServerVerifyingRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Principal getUserPrincipal() {
            verifications++;
            throw new IllegalStateException("the server's own verifier refused the token");
        }

        @Override
        public boolean isUserInRole(String role) {
            verifications++;
            throw new IllegalStateException("the server's own verifier refused the token");
        }
    }

    @Test
    void doFilterWhenServerWrapperAndNoTokenThenPassedOnWithoutIt() throws Exception {
        HttpServletRequest inner = ServletFakes.request("/public", Map.of());
        ServerVerifyingRequest request = new ServerVerifyingRequest(inner);
        List<ServletRequest> passed = new ArrayList<>();

        new JwtGuardFilter(GUARD, Set.of(ServerVerifyingRequest.class.getName()))
                .doFilter(request, new RecordingResponse().response(), (req, res) -> passed.add(req));

        assertThat(passed).hasSize(1);
        assertThat(passed.get(0)).isSameAs(inner);
        assertThat(((HttpServletRequest) passed.get(0)).getUserPrincipal()).isNull();
        assertThat(request.verifications).isZero();
    }

    @Test
    void doFilterWhenOtherWrapperAndNoTokenThenPassedOnAsItIs() throws Exception {
        HttpServletRequestWrapper request = new HttpServletRequestWrapper(ServletFakes.request("/public", Map.of()));
        List<ServletRequest> passed = new ArrayList<>();

        new JwtGuardFilter(GUARD).doFilter(request, new RecordingResponse().response(), (req, res) -> passed.add(req));

        assertThat(passed).hasSize(1);
        assertThat(passed.get(0)).isSameAs(request);
    }

    @Test
    void doFilterWhenTokenVerifiedThenNeverAsksTheIncomingRequestForItsPrincipal() throws Exception {
        ServerVerifyingRequest request = new ServerVerifyingRequest(ServletFakes.request("/orders",
                Map.of("Authorization", "Bearer " + TestTokens.withGroups("user"))));
        List<ServletRequest> passed = new ArrayList<>();

        new JwtGuardFilter(GUARD).doFilter(request, new RecordingResponse().response(), (req, res) -> passed.add(req));

        assertThat(request.verifications).isZero();
        assertThat(passed).hasSize(1);
        HttpServletRequest downstream = (HttpServletRequest) passed.get(0);
        assertThat(downstream.getUserPrincipal()).isInstanceOf(JsonWebToken.class);
        assertThat(downstream.isUserInRole("user")).isTrue();
        assertThat(request.verifications).isZero();
    }
}
