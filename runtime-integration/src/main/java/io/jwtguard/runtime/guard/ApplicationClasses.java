package io.jwtguard.runtime.guard;

import io.jwtguard.core.config.ConfigurationException;
import java.lang.reflect.InvocationTargetException;

/**
 * Creates the application's own implementations that a property names by class: the
 * {@link io.jwtguard.runtime.http.TokenResolver} of {@link RuntimeProperties#TOKEN_RESOLVER}, the
 * {@link io.jwtguard.runtime.http.RefusalBodyWriter} of {@link RuntimeProperties#ERROR_BODY_WRITER}.
 */
final class ApplicationClasses {
    private ApplicationClasses() {
    }

    /**
     * @param property the property that names the class, for messages
     * @param className a class of the application, seen by the thread's context class loader
     * @param type the interface it must implement
     * @throws ConfigurationException naming the property and the fix when it cannot be used
     */
    static <T> T instantiate(String property, String className, Class<T> type) {
        String name = className.strip();
        Class<?> found;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            found = Class.forName(name, true, loader != null ? loader : ApplicationClasses.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException(property, "class '" + name + "' is not found; name a class of the "
                    + "application that implements " + type.getName());
        }
        if (!type.isAssignableFrom(found)) {
            throw new ConfigurationException(property, "class '" + name + "' does not implement " + type.getName());
        }
        try {
            return type.cast(found.getConstructor().newInstance());
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
            throw new ConfigurationException(property, "class '" + name + "' needs a public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new ConfigurationException(property, "the constructor of '" + name + "' failed: "
                    + e.getCause().getClass().getName());
        }
    }
}
