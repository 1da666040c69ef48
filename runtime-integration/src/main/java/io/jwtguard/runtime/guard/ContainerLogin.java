package io.jwtguard.runtime.guard;

import io.jwtguard.core.config.ConfigurationException;
import java.util.Locale;

/**
 * When the Jakarta Security mechanism tells the container about a verified caller
 * ({@code notifyContainerAboutLogin}): the values of {@link RuntimeProperties#CONTAINER_LOGIN}.
 *
 * <p>JWT Guard's servlet filter (its request wrapper answers {@code getUserPrincipal()} and
 * {@code isUserInRole()} from the token) and JAX-RS filters (the JAX-RS {@code SecurityContext})
 * carry the caller without a container login. A container login makes the caller visible to the
 * container's own security as well: the container's {@code @Inject Principal} (which MicroProfile
 * JWT requires to be the token), Jakarta Security's {@code SecurityContext}, EJB
 * {@code @RolesAllowed}. It is not free: on Open Liberty it was about a fifth of the server's
 * samples of a request with a cached token (docs/benchmarks.md), and Liberty also signs an LTPA
 * token for its authentication cache on each login unless that cache is off
 * ({@code <authentication cacheEnabled="false"/>}, as the example's {@code server.xml} does).
 *
 * <p>The login decides what the container's APIs see, never what JWT Guard permits: its filters
 * enforce every requirement with or without it, and a container API without the caller sees an
 * anonymous request (container security refuses it).
 */
public enum ContainerLogin {
    /**
     * The default: where the container protects the request (a {@code web.xml} or
     * {@code @ServletSecurity} constraint), and on every request of an application in which
     * something can observe the container's caller ({@link CallerObservers}, decided at deployment).
     */
    AUTO,
    /** On every request that carries a verified token. */
    ALWAYS,
    /** Only where the container itself protects the request (a security constraint). */
    PROTECTED;

    /**
     * @param containerProtected whether the container protects the request ({@code HttpMessageContext.isProtected()})
     * @param callerObserved whether something in the application can observe the container's caller
     *     ({@link CallerObservers#needLogin()}); true when unknown
     * @return whether the verified caller is reported to the container
     */
    public boolean appliesTo(boolean containerProtected, boolean callerObserved) {
        switch (this) {
            case ALWAYS:
                return true;
            case PROTECTED:
                return containerProtected;
            default:
                return containerProtected || callerObserved;
        }
    }

    /**
     * @param value the property value, may be null (then {@link #AUTO})
     * @throws ConfigurationException naming the property when the value is not auto, always or protected
     */
    public static ContainerLogin parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "auto":
                return AUTO;
            case "protected":
                return PROTECTED;
            case "always":
                return ALWAYS;
            default:
                throw new ConfigurationException(RuntimeProperties.CONTAINER_LOGIN, "'" + value
                        + "' is not auto, protected or always");
        }
    }
}
