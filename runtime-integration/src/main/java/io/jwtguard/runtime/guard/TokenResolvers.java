package io.jwtguard.runtime.guard;

import io.jwtguard.core.config.ConfigurationException;
import io.jwtguard.runtime.http.TokenResolver;
import java.lang.reflect.InvocationTargetException;

/** Creates the application's {@link TokenResolver} named by {@link RuntimeProperties#TOKEN_RESOLVER}. */
final class TokenResolvers {
    private TokenResolvers() {
    }

    /**
     * @param className a class of the application, seen by the thread's context class loader
     * @throws ConfigurationException naming the property and the fix when it cannot be used
     */
    static TokenResolver instantiate(String className) {
        String name = className.strip();
        String property = RuntimeProperties.TOKEN_RESOLVER;
        Class<?> type;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            type = Class.forName(name, true, loader != null ? loader : TokenResolvers.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException(property, "class '" + name + "' is not found; name a class of the "
                    + "application that implements " + TokenResolver.class.getName());
        }
        if (!TokenResolver.class.isAssignableFrom(type)) {
            throw new ConfigurationException(property, "class '" + name + "' does not implement "
                    + TokenResolver.class.getName());
        }
        try {
            return (TokenResolver) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
            throw new ConfigurationException(property, "class '" + name + "' needs a public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new ConfigurationException(property, "the constructor of '" + name + "' failed: "
                    + e.getCause().getClass().getName());
        }
    }
}
