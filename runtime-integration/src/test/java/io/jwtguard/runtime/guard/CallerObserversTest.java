package io.jwtguard.runtime.guard;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import java.security.Principal;
import java.util.List;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/**
 * What keeps the container login with {@code container-login=auto}: each kind of observer of the
 * container's caller is found, and classes that read the caller only through JWT Guard (JAX-RS
 * {@code SecurityContext}, {@code JsonWebToken}, {@code @Claim}) are not counted.
 */
class CallerObserversTest {

    @Path("/tokens")
    static class TokenOnlyResource {
        @Inject
        JsonWebToken token;
        @Inject
        @Claim("sub")
        String subject;

        @GET
        public String name(@Context jakarta.ws.rs.core.SecurityContext security) {
            return security.getUserPrincipal().getName();
        }
    }

    static class InjectedPrincipalField {
        @Inject
        Principal principal;
    }

    static class InjectedPrincipalConstructor {
        @Inject
        InjectedPrincipalConstructor(Principal principal) {
        }
    }

    static class PrincipalInstance {
        @Inject
        Instance<Principal> principal;
    }

    static class SecurityContextProvider {
        @Inject
        Provider<SecurityContext> security;
    }

    static class RequestInInitializer {
        @Inject
        void init(HttpServletRequest request) {
        }
    }

    static class PrincipalInObserver {
        void on(@Observes String event, Principal principal) {
        }
    }

    static class PrincipalInProducer {
        @Produces
        String name(Principal principal) {
            return principal.getName();
        }
    }

    static class InheritsInjectedPrincipal extends InjectedPrincipalField {
    }

    static class PrincipalNotInjected {
        Principal principal;

        void set(Principal principal) {
            this.principal = principal;
        }
    }

    @jakarta.ejb.Stateless
    static class EnterpriseBean {
    }

    @Test
    void findWhenOnlyJwtGuardsViewsOfTheCallerThenNothing() {
        assertThat(CallerObservers.find(TokenOnlyResource.class)).isEmpty();
        assertThat(CallerObservers.find(PrincipalNotInjected.class)).isEmpty();
        assertThat(CallerObservers.of(List.of()).needLogin()).isFalse();
    }

    @Test
    void findWhenTheContainersCallerIsInjectedThenEachInjectionPoint() {
        assertThat(CallerObservers.find(InjectedPrincipalField.class)).containsExactly(
                "java.security.Principal injected into " + InjectedPrincipalField.class.getName() + ".principal");
        assertThat(CallerObservers.find(InjectedPrincipalConstructor.class)).containsExactly(
                "java.security.Principal injected into " + InjectedPrincipalConstructor.class.getName() + ".<init>");
        assertThat(CallerObservers.find(PrincipalInstance.class)).containsExactly(
                "jakarta.enterprise.inject.Instance<java.security.Principal> injected into "
                        + PrincipalInstance.class.getName() + ".principal");
        assertThat(CallerObservers.find(SecurityContextProvider.class)).containsExactly(
                "jakarta.inject.Provider<jakarta.security.enterprise.SecurityContext> injected into "
                        + SecurityContextProvider.class.getName() + ".security");
        assertThat(CallerObservers.find(RequestInInitializer.class)).containsExactly(
                "jakarta.servlet.http.HttpServletRequest injected into " + RequestInInitializer.class.getName() + ".init");
        assertThat(CallerObservers.find(PrincipalInObserver.class)).containsExactly(
                "java.security.Principal injected into " + PrincipalInObserver.class.getName() + ".on");
        assertThat(CallerObservers.find(PrincipalInProducer.class)).containsExactly(
                "java.security.Principal injected into " + PrincipalInProducer.class.getName() + ".name");
        assertThat(CallerObservers.find(InheritsInjectedPrincipal.class)).containsExactly(
                "java.security.Principal injected into " + InjectedPrincipalField.class.getName() + ".principal");
    }

    @Test
    void findWhenEnterpriseBeanThenObserved() {
        assertThat(CallerObservers.find(EnterpriseBean.class)).containsExactly(
                "enterprise bean " + EnterpriseBean.class.getName());
    }

    @Test
    void needLoginWhenObservedOrUnknown() {
        assertThat(CallerObservers.of(CallerObservers.find(InjectedPrincipalField.class)).needLogin()).isTrue();
        assertThat(CallerObservers.UNKNOWN.needLogin()).isTrue();
        assertThat(CallerObservers.NONE.needLogin()).isFalse();
    }

    @Test
    void callerObserversWhenNotRecordedThenUnknownElseWhatWasRecorded() {
        ClassLoader loader = new ClassLoader() {
        };
        assertThat(JwtGuards.callerObservers(loader)).isSameAs(CallerObservers.UNKNOWN);
        JwtGuards.recordCallerObservers(loader, CallerObservers.NONE);
        assertThat(JwtGuards.callerObservers(loader)).isSameAs(CallerObservers.NONE);
        JwtGuards.release(loader);
        assertThat(JwtGuards.callerObservers(loader)).isSameAs(CallerObservers.UNKNOWN);
    }
}
