package io.jwtguard.runtime.guard;

import io.jwtguard.core.config.ConfigurationException;
import java.util.Locale;

/**
 * When the Jakarta Security mechanism tells the container about a verified caller
 * ({@code notifyContainerAboutLogin}): the values of {@link RuntimeProperties#CONTAINER_LOGIN}.
 *
 * <p>JWT Guard's servlet filter and JAX-RS filters carry the caller without a container login.
 * A container login makes the caller visible to the container's own security as well: the
 * container's {@code @Inject Principal} (which MicroProfile JWT requires to be the token), Jakarta
 * Security's {@code SecurityContext}, EJB {@code @RolesAllowed}. It is not free: Open Liberty, for
 * one, signs an LTPA token for its authentication cache on each login unless that cache is off
 * ({@code <authentication cacheEnabled="false"/>}, as the example's {@code server.xml} does).
 */
public enum ContainerLogin {
    /** On every request that carries a verified token: the default (MicroProfile JWT's injected Principal). */
    ALWAYS,
    /** Only where the container itself protects the request (a security constraint). */
    PROTECTED;

    /**
     * @param containerProtected whether the container protects the request ({@code HttpMessageContext.isProtected()})
     * @return whether the verified caller is reported to the container
     */
    public boolean appliesTo(boolean containerProtected) {
        return this == ALWAYS || containerProtected;
    }

    /**
     * @param value the property value, may be null (then {@link #ALWAYS})
     * @throws ConfigurationException naming the property when the value is not protected or always
     */
    public static ContainerLogin parse(String value) {
        if (value == null || value.isBlank()) {
            return ALWAYS;
        }
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "protected":
                return PROTECTED;
            case "always":
                return ALWAYS;
            default:
                throw new ConfigurationException(RuntimeProperties.CONTAINER_LOGIN, "'" + value
                        + "' is not protected or always");
        }
    }
}
