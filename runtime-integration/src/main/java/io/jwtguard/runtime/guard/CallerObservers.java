package io.jwtguard.runtime.guard;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What in an application can observe the container's caller, which only a container login
 * ({@code notifyContainerAboutLogin}) sets: found at deployment by the CDI extension, class by
 * class, and read by the Jakarta Security mechanism for {@link ContainerLogin#AUTO}.
 *
 * <p>An observer is
 * <ul>
 *   <li>an injection point (an {@code @Inject} field, a parameter of an {@code @Inject}
 *       constructor or initializer, of a producer, disposer or observer method) of
 *       {@code java.security.Principal} (the container's built-in bean; {@code JsonWebToken} is
 *       JWT Guard's own and needs no login), Jakarta Security's {@code SecurityContext}, or the
 *       CDI built-in {@code HttpServletRequest} (the container's request, not JWT Guard's
 *       wrapper), also as {@code Instance<...>} or {@code Provider<...>};</li>
 *   <li>an enterprise bean ({@code @Stateless}, {@code @Stateful}, {@code @Singleton},
 *       {@code @MessageDriven}): the container enforces its {@code @RolesAllowed} and answers its
 *       {@code getCallerPrincipal()};</li>
 *   <li>a class that cannot be inspected (a missing dependency): counted, so that uncertainty
 *       keeps the login.</li>
 * </ul>
 * Servlets and JAX-RS resources need none: JWT Guard's servlet filter wraps the request so that
 * {@code getUserPrincipal()} and {@code isUserInRole()} answer from the token, and its JAX-RS
 * filter sets the {@code SecurityContext}. Where the container protects a request (a
 * {@code web.xml} or {@code @ServletSecurity} constraint) the mechanism logs the caller in
 * whatever this says.
 *
 * <p>Types are compared by name, so an application without the EJB or Jakarta Security API
 * deploys. Immutable.
 */
public final class CallerObservers {
    /** Not decided (no CDI extension ran for the application): a container login, to be safe. */
    public static final CallerObservers UNKNOWN = new CallerObservers(List.of("not decided at deployment"));
    /** Nothing observes the container's caller. */
    public static final CallerObservers NONE = new CallerObservers(List.of());

    private static final Set<String> OBSERVED_TYPES = Set.of("java.security.Principal",
            "jakarta.security.enterprise.SecurityContext", "jakarta.servlet.http.HttpServletRequest");
    private static final Set<String> WRAPPERS = Set.of("jakarta.enterprise.inject.Instance",
            "jakarta.inject.Provider");
    private static final Set<String> ENTERPRISE_BEANS = Set.of("jakarta.ejb.Stateless", "jakarta.ejb.Stateful",
            "jakarta.ejb.Singleton", "jakarta.ejb.MessageDriven");
    private static final String INJECT = "jakarta.inject.Inject";
    private static final String PRODUCES = "jakarta.enterprise.inject.Produces";
    private static final Set<String> EVENT_PARAMETERS = Set.of("jakarta.enterprise.event.Observes",
            "jakarta.enterprise.event.ObservesAsync", "jakarta.enterprise.inject.Disposes");

    private final List<String> observers;

    private CallerObservers(List<String> observers) {
        this.observers = List.copyOf(observers);
    }

    /**
     * @param observers descriptions of what observes the container's caller (as {@link #find(Class)} returns them)
     * @return the observers of an application
     */
    public static CallerObservers of(List<String> observers) {
        return observers.isEmpty() ? NONE : new CallerObservers(observers);
    }

    /** @return whether a verified caller must be logged in to the container on every request */
    public boolean needLogin() {
        return !observers.isEmpty();
    }

    /** @return what observes the container's caller, for the deployment log; empty when nothing */
    public List<String> observers() {
        return observers;
    }

    /**
     * @param type a class of the application (its superclasses are inspected too), not null
     * @return what in it observes the container's caller, described for the log; empty when nothing
     */
    public static List<String> find(Class<?> type) {
        List<String> found = new ArrayList<>();
        try {
            for (Annotation annotation : type.getAnnotations()) {
                if (ENTERPRISE_BEANS.contains(annotation.annotationType().getName())) {
                    found.add("enterprise bean " + type.getName());
                }
            }
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (annotated(field, INJECT) && observed(field.getGenericType())) {
                        found.add(describe(field.getGenericType()) + " injected into " + c.getName() + "."
                                + field.getName());
                    }
                }
                for (Constructor<?> constructor : c.getDeclaredConstructors()) {
                    if (annotated(constructor, INJECT)) {
                        parameters(constructor, false, found);
                    }
                }
                for (Method method : c.getDeclaredMethods()) {
                    parameters(method, annotated(method, INJECT) || annotated(method, PRODUCES), found);
                }
            }
        } catch (LinkageError | TypeNotPresentException e) {
            found.add("cannot inspect " + type.getName() + " (" + e + ")");
        }
        return found;
    }

    /** Adds the executable's observed parameters, all of them when {@code all} or when it observes an event. */
    private static void parameters(Executable executable, boolean all, List<String> found) {
        boolean every = all || executable instanceof Constructor;
        if (!every) {
            for (Annotation[] annotations : executable.getParameterAnnotations()) {
                for (Annotation annotation : annotations) {
                    every |= EVENT_PARAMETERS.contains(annotation.annotationType().getName());
                }
            }
        }
        if (!every) {
            return;
        }
        for (Type parameter : executable.getGenericParameterTypes()) {
            if (observed(parameter)) {
                found.add(describe(parameter) + " injected into " + executable.getDeclaringClass().getName() + "."
                        + (executable instanceof Constructor ? "<init>" : executable.getName()));
            }
        }
    }

    private static boolean annotated(AnnotatedElement element, String annotation) {
        for (Annotation present : element.getAnnotations()) {
            if (present.annotationType().getName().equals(annotation)) {
                return true;
            }
        }
        return false;
    }

    private static boolean observed(Type type) {
        if (type instanceof Class<?> raw) {
            return OBSERVED_TYPES.contains(raw.getName());
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
                && WRAPPERS.contains(raw.getName())) {
            Type[] arguments = parameterized.getActualTypeArguments();
            return arguments.length == 1 && observed(arguments[0]);
        }
        return false;
    }

    private static String describe(Type type) {
        return type.getTypeName();
    }

    @Override
    public String toString() {
        return "CallerObservers" + observers;
    }
}
