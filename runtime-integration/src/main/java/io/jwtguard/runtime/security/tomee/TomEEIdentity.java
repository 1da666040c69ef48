package io.jwtguard.runtime.security.tomee;

import io.jwtguard.core.verify.VerifiedToken;
import java.security.Principal;
import org.apache.catalina.realm.GenericPrincipal;
import org.apache.openejb.loader.SystemInstance;
import org.apache.openejb.spi.SecurityService;
import org.apache.tomee.catalina.TomcatSecurityService;

/**
 * The TomEE side of {@link TomEECaller}: loaded only when TomEE's classes are present. TomEE 9.0.0's
 * {@code TomEESecurityContext.registerContainerAboutLogin} enters, for a Jakarta Security login, an
 * identity built from {@code new GenericPrincipal(name, null, groups, reportedPrincipal)}, whose
 * caller principal is {@code TomcatUser(realm, thatGenericPrincipal)}. This class enters a second
 * identity built from {@link TokenCaller} around the same realm and {@code GenericPrincipal}, and
 * leaves it again with {@code exitWebApp}, the pair TomEE's own MP-JWT filter uses.
 */
final class TomEEIdentity {
    private TomEEIdentity() {
    }

    static boolean tomcatSecurityServiceRuns() {
        return SystemInstance.get().getComponent(SecurityService.class) instanceof TomcatSecurityService;
    }

    static TomEECaller.Shown enter(VerifiedToken token) {
        if (!(SystemInstance.get().getComponent(SecurityService.class) instanceof TomcatSecurityService service)) {
            return TomEECaller.NOTHING;
        }
        Principal caller = service.getCallerPrincipal();
        if (caller instanceof TokenCaller
                || !(caller instanceof TomcatSecurityService.TomcatUser user)
                || !(user.getTomcatPrincipal() instanceof GenericPrincipal login)
                || login.getUserPrincipal() != token) {
            // shown already (a forward), or not JWT Guard's container login of this token: TomEE's own
            return TomEECaller.NOTHING;
        }
        // no run-as here: the servlet's run-as is TomEE's business, entered once by its valve
        Object state = service.enterWebApp(user.getRealm(), new TokenCaller(user.getRealm(), login, token), null);
        return () -> service.exitWebApp(state);
    }
}
