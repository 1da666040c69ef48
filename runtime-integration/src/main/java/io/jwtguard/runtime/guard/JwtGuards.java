package io.jwtguard.runtime.guard;

import io.jwtguard.core.config.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The registry of applications, keyed by the application's class loader: the servlet
 * initializer, the CDI extension and the JAX-RS feature of one application meet here without
 * depending on each other, in whichever order the container starts them. Holds, per
 * application, whether it uses MP-JWT ({@code @LoginConfig(authMethod = "MP-JWT")}) and its
 * {@link JwtGuard}, created once.
 *
 * <p>Class loaders are held weakly, and {@link #release(ClassLoader)} forgets an application at
 * undeployment. Thread-safe.
 */
public final class JwtGuards {
    private static final Map<ClassLoader, State> APPLICATIONS = new WeakHashMap<>();

    private static final class State {
        private boolean active;
        private JwtGuard guard;
        private CallerObservers callerObservers = CallerObservers.UNKNOWN;
        private MechanismDecision mechanism;
        private boolean otherMechanism;
        private final List<Consumer<JwtGuard>> pending = new ArrayList<>();
    }

    private JwtGuards() {
    }

    /** Records that the application of {@code loader} uses MP-JWT. */
    public static void markActive(ClassLoader loader) {
        synchronized (APPLICATIONS) {
            state(loader).active = true;
        }
    }

    /** @return whether the application of {@code loader} was recorded as using MP-JWT */
    public static boolean isActive(ClassLoader loader) {
        synchronized (APPLICATIONS) {
            State state = APPLICATIONS.get(loader);
            return state != null && state.active;
        }
    }

    /**
     * The application's guard, created on the first call from {@code properties}.
     *
     * @param loader the application's class loader, not null
     * @param properties supplies the application's property lookup; called at most once
     * @throws ConfigurationException when the configuration is unusable (then nothing is kept,
     *     and deployment must fail)
     */
    public static JwtGuard obtain(ClassLoader loader, Supplier<Function<String, Optional<String>>> properties) {
        Objects.requireNonNull(properties, "properties");
        synchronized (APPLICATIONS) {
            State state = state(loader);
            if (state.guard == null) {
                state.guard = JwtGuard.create(properties.get());
                state.pending.forEach(callback -> callback.accept(state.guard));
                state.pending.clear();
            }
            return state.guard;
        }
    }

    /**
     * Runs {@code callback} with the application's guard: now if it exists, else when it is
     * created. Used by the CDI extension to attach its event listener whatever the start order.
     */
    public static void whenCreated(ClassLoader loader, Consumer<JwtGuard> callback) {
        Objects.requireNonNull(callback, "callback");
        JwtGuard existing;
        synchronized (APPLICATIONS) {
            State state = state(loader);
            existing = state.guard;
            if (existing == null) {
                state.pending.add(callback);
                return;
            }
        }
        callback.accept(existing);
    }

    /**
     * Records what in the application of {@code loader} observes the container's caller (the CDI
     * extension, at deployment; for {@link ContainerLogin#AUTO}).
     */
    public static void recordCallerObservers(ClassLoader loader, CallerObservers observers) {
        Objects.requireNonNull(observers, "observers");
        synchronized (APPLICATIONS) {
            state(loader).callerObservers = observers;
        }
    }

    /**
     * @return what in the application of {@code loader} observes the container's caller;
     *     {@link CallerObservers#UNKNOWN} (a login, to be safe) when nothing was recorded
     */
    public static CallerObservers callerObservers(ClassLoader loader) {
        synchronized (APPLICATIONS) {
            State state = APPLICATIONS.get(loader);
            return state == null ? CallerObservers.UNKNOWN : state.callerObservers;
        }
    }

    /**
     * Records whether the CDI extension registered JWT Guard's Jakarta Security mechanism for the
     * application of {@code loader} (at deployment, after type discovery).
     */
    public static void recordMechanism(ClassLoader loader, MechanismDecision decision) {
        Objects.requireNonNull(decision, "decision");
        synchronized (APPLICATIONS) {
            state(loader).mechanism = decision;
        }
    }

    /**
     * @return whether the mechanism was registered for the application of {@code loader}; empty when
     *     no CDI extension decided (no CDI, or not yet)
     */
    public static Optional<MechanismDecision> mechanism(ClassLoader loader) {
        synchronized (APPLICATIONS) {
            State state = APPLICATIONS.get(loader);
            return state == null ? Optional.empty() : Optional.ofNullable(state.mechanism);
        }
    }

    /**
     * Records that the application of {@code loader} has a Jakarta Security mechanism that is not
     * JWT Guard's (its own, or a server's), as the CDI extension found it.
     */
    public static void recordOtherMechanism(ClassLoader loader) {
        synchronized (APPLICATIONS) {
            state(loader).otherMechanism = true;
        }
    }

    /** @return whether the application of {@code loader} has a Jakarta Security mechanism not JWT Guard's */
    public static boolean hasOtherMechanism(ClassLoader loader) {
        synchronized (APPLICATIONS) {
            State state = APPLICATIONS.get(loader);
            return state != null && state.otherMechanism;
        }
    }

    /** @return the application's guard if one was created */
    public static Optional<JwtGuard> find(ClassLoader loader) {
        synchronized (APPLICATIONS) {
            State state = APPLICATIONS.get(loader);
            return state == null ? Optional.empty() : Optional.ofNullable(state.guard);
        }
    }

    /**
     * Forgets the application of {@code loader} and closes its guard (undeployment): no thread,
     * pool or listener of JWT Guard keeps the application's class loader reachable afterwards.
     */
    public static void release(ClassLoader loader) {
        State state;
        synchronized (APPLICATIONS) {
            state = APPLICATIONS.remove(loader);
        }
        if (state != null && state.guard != null) {
            state.guard.close();
        }
    }

    private static State state(ClassLoader loader) {
        return APPLICATIONS.computeIfAbsent(Objects.requireNonNull(loader, "loader"), l -> new State());
    }
}
