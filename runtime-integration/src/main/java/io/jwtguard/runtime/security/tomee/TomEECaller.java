package io.jwtguard.runtime.security.tomee;

import io.jwtguard.core.verify.VerifiedToken;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Shows JWT Guard's verified token as TomEE's caller principal for the rest of a request, where
 * TomEE would show its own {@code TomcatUser} wrapper instead; a no-op on every other server.
 *
 * <p>TomEE's {@code TomcatSecurityService.getCallerPrincipal()} answers with the first principal of
 * the caller's subject whose class carries TomEE's {@code @CallerPrincipal}; for a Jakarta Security
 * login that is the {@code TomcatUser} it wraps around the login, whatever principal the mechanism
 * reported. {@link #show} enters, for the current thread, an identity whose caller principal is a
 * {@code TomcatUser} that is also the {@code JsonWebToken} (so TomEE's role checks, which read the
 * {@code TomcatUser}, see the same login and the same groups), and only when TomEE's current caller
 * is JWT Guard's container login of this very token. It changes which object is shown, never who
 * the caller is or which roles they have.
 *
 * <p>Thread-safe. Which server runs is found once per class loader (per application).
 */
public final class TomEECaller {
    private static final Logger LOG = Logger.getLogger(TomEECaller.class.getName());

    /** What {@link #show} returns when it changed nothing: closing it does nothing. */
    public static final Shown NOTHING = () -> { };

    private static final boolean TOMEE = detect();

    private TomEECaller() {
    }

    /**
     * A shown caller, to be closed (once, on the same thread) when the request leaves the scope it
     * was shown for.
     */
    @FunctionalInterface
    public interface Shown extends AutoCloseable {
        /** Restores TomEE's identity from before {@link TomEECaller#show}. */
        @Override
        void close();
    }

    /**
     * @param token the request's verified token, not null
     * @return what to close when the request leaves the scope, {@link #NOTHING} when TomEE's caller
     *     was left as it is (not TomEE, no container login, or a login other than this token's)
     */
    public static Shown show(VerifiedToken token) {
        Objects.requireNonNull(token, "token");
        if (!TOMEE) {
            return NOTHING;
        }
        return TomEEIdentity.enter(token);
    }

    /** @return whether TomEE's security service is the one of this JVM, without loading TomEE's classes elsewhere */
    private static boolean detect() {
        ClassLoader loader = TomEECaller.class.getClassLoader();
        try {
            // presence first: TomEEIdentity links against these classes
            Class.forName("org.apache.tomee.catalina.TomcatSecurityService", false, loader);
        } catch (ClassNotFoundException | LinkageError notTomEE) {
            return false;
        }
        try {
            return TomEEIdentity.tomcatSecurityServiceRuns();
        } catch (LinkageError | RuntimeException unexpected) {
            // another TomEE than the one this view is built for: TomEE's own caller principal stays
            LOG.log(Level.WARNING, "JWT Guard: TomEE's security service does not have the form this version"
                    + " knows (TomEE 9); @Inject Principal and the JAX-RS SecurityContext principal stay"
                    + " TomEE's own caller wrapper, not the JsonWebToken", unexpected);
            return false;
        }
    }
}
