package io.jwtguard.runtime.authz;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where a resource method is declared: the method that actually runs on an instance of the
 * resource class (the most specific override, never a bridge method) followed by every method
 * of a superclass or interface that it overrides or implements, nearest first. Overriding is
 * decided on erased parameter types after resolving the type variables of generic base classes
 * and interfaces against the resource class, so {@code Orders extends Crud<Order>} overriding
 * {@code Crud<T>.find(T)} is recognised. Immutable.
 *
 * @param resourceClass the resource class the runtime dispatches to
 * @param declarations the implementation first, then the methods it overrides; never empty
 */
record MethodDeclarations(Class<?> resourceClass, List<Method> declarations) {
    MethodDeclarations {
        Objects.requireNonNull(resourceClass, "resourceClass");
        declarations = List.copyOf(declarations);
        if (declarations.isEmpty()) {
            throw new IllegalArgumentException("no declaration");
        }
    }

    /**
     * @param resourceClass the resource class, not null
     * @param method the method the runtime reports (it may be declared by a superclass or an
     *     interface of the resource class, or be a bridge method), not null
     * @return the declarations of {@code method} as seen from {@code resourceClass}
     */
    static MethodDeclarations of(Class<?> resourceClass, Method method) {
        Objects.requireNonNull(resourceClass, "resourceClass");
        Objects.requireNonNull(method, "method");
        Method implementation = implementation(resourceClass, method.isBridge() ? bridged(method) : method);
        List<Method> declarations = new ArrayList<>();
        declarations.add(implementation);
        for (Class<?> type : supertypes(implementation.getDeclaringClass())) {
            for (Method candidate : type.getDeclaredMethods()) {
                if (overrides(resourceClass, implementation, candidate)) {
                    declarations.add(candidate);
                }
            }
        }
        return new MethodDeclarations(resourceClass, declarations);
    }

    /** @return the method that runs: the implementation, not null */
    Method implementation() {
        return declarations.get(0);
    }

    /**
     * The types whose class-level annotations may apply, nearest first: the types declaring the
     * method (the implementation's class first), then the resource class and its superclasses
     * below the implementation's class.
     */
    List<Class<?>> types() {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Method declaration : declarations) {
            types.add(declaration.getDeclaringClass());
        }
        Class<?> declaring = implementation().getDeclaringClass();
        for (Class<?> type = resourceClass; type != null && type != declaring && type != Object.class;
                type = type.getSuperclass()) {
            types.add(type);
        }
        return List.copyOf(types);
    }

    /** @return "Class#method(Params)" of the implementation, for messages */
    String describe() {
        return describe(implementation());
    }

    static String describe(Method method) {
        StringBuilder text = new StringBuilder(method.getDeclaringClass().getName()).append('#')
                .append(method.getName()).append('(');
        Class<?>[] parameters = method.getParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            text.append(i == 0 ? "" : ", ").append(parameters[i].getSimpleName());
        }
        return text.append(')').toString();
    }

    private static Method implementation(Class<?> resourceClass, Method method) {
        for (Class<?> type = resourceClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method candidate : type.getDeclaredMethods()) {
                if (candidate.isBridge() || candidate.isSynthetic()) {
                    continue;
                }
                if (candidate.equals(method) || overrides(resourceClass, candidate, method)
                        || (method.isBridge() && bridgedBy(method, candidate))) {
                    return candidate;
                }
            }
        }
        return method;
    }

    /**
     * The method of a supertype that a bridge method stands for (same name and erased parameter
     * types), whose override the resolution then looks for; the bridge itself when none is found.
     */
    private static Method bridged(Method bridge) {
        for (Class<?> type : supertypes(bridge.getDeclaringClass())) {
            for (Method candidate : type.getDeclaredMethods()) {
                if (!candidate.isBridge() && candidate.getName().equals(bridge.getName())
                        && java.util.Arrays.equals(candidate.getParameterTypes(), bridge.getParameterTypes())) {
                    return candidate;
                }
            }
        }
        return bridge;
    }

    /** Whether {@code candidate} is the method a bridge method {@code bridge} calls. */
    private static boolean bridgedBy(Method bridge, Method candidate) {
        if (candidate.getDeclaringClass() != bridge.getDeclaringClass() || !candidate.getName().equals(bridge.getName())
                || candidate.getParameterCount() != bridge.getParameterCount()) {
            return false;
        }
        Class<?>[] actual = candidate.getParameterTypes();
        Class<?>[] erased = bridge.getParameterTypes();
        for (int i = 0; i < actual.length; i++) {
            if (!erased[i].isAssignableFrom(actual[i])) {
                return false;
            }
        }
        return bridge.getReturnType().isAssignableFrom(candidate.getReturnType());
    }

    /**
     * Whether {@code sub} overrides (or implements) {@code sup}, with type variables resolved
     * against {@code context}.
     */
    private static boolean overrides(Class<?> context, Method sub, Method sup) {
        if (sub.equals(sup) || !sub.getName().equals(sup.getName())
                || sub.getParameterCount() != sup.getParameterCount()
                || Modifier.isStatic(sup.getModifiers()) || Modifier.isPrivate(sup.getModifiers())
                || Modifier.isStatic(sub.getModifiers()) || sup.isBridge() || sup.isSynthetic()
                || !sup.getDeclaringClass().isAssignableFrom(sub.getDeclaringClass())
                || sup.getDeclaringClass() == sub.getDeclaringClass()) {
            return false;
        }
        if (!Modifier.isPublic(sup.getModifiers()) && !Modifier.isProtected(sup.getModifiers())
                && !samePackage(sub.getDeclaringClass(), sup.getDeclaringClass())) {
            return false;
        }
        Map<TypeVariable<?>, Type> bindings = bindings(context);
        Type[] supTypes = sup.getGenericParameterTypes();
        Type[] subTypes = sub.getGenericParameterTypes();
        for (int i = 0; i < supTypes.length; i++) {
            if (erasure(supTypes[i], bindings) != erasure(subTypes[i], bindings)) {
                return false;
            }
        }
        return true;
    }

    private static boolean samePackage(Class<?> a, Class<?> b) {
        return a.getPackageName().equals(b.getPackageName()) && a.getClassLoader() == b.getClassLoader();
    }

    /** Superclasses and interfaces of {@code type}, breadth first, nearest first, without {@code Object}. */
    private static List<Class<?>> supertypes(Class<?> type) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> queue = new ArrayDeque<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            Class<?> next = queue.poll();
            Class<?> superclass = next.getSuperclass();
            if (superclass != null && superclass != Object.class && seen.add(superclass)) {
                queue.add(superclass);
            }
            for (Class<?> iface : next.getInterfaces()) {
                if (seen.add(iface)) {
                    queue.add(iface);
                }
            }
        }
        return List.copyOf(seen);
    }

    /** What every type variable of the supertypes of {@code context} stands for, as declared. */
    private static Map<TypeVariable<?>, Type> bindings(Class<?> context) {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        Deque<Type> queue = new ArrayDeque<>();
        queue.add(context);
        Set<Type> seen = new LinkedHashSet<>();
        while (!queue.isEmpty()) {
            Type next = queue.poll();
            if (!seen.add(next)) {
                continue;
            }
            Class<?> raw;
            if (next instanceof ParameterizedType parameterized) {
                raw = (Class<?>) parameterized.getRawType();
                TypeVariable<?>[] variables = raw.getTypeParameters();
                Type[] arguments = parameterized.getActualTypeArguments();
                for (int i = 0; i < variables.length && i < arguments.length; i++) {
                    bindings.putIfAbsent(variables[i], arguments[i]);
                }
            } else if (next instanceof Class<?> type) {
                raw = type;
            } else {
                continue;
            }
            if (raw.getGenericSuperclass() != null) {
                queue.add(raw.getGenericSuperclass());
            }
            queue.addAll(List.of(raw.getGenericInterfaces()));
        }
        return bindings;
    }

    private static Class<?> erasure(Type type, Map<TypeVariable<?>, Type> bindings) {
        for (int depth = 0; depth < 64; depth++) {
            if (type instanceof Class<?> c) {
                return c;
            }
            if (type instanceof ParameterizedType parameterized) {
                return (Class<?>) parameterized.getRawType();
            }
            if (type instanceof GenericArrayType array) {
                return java.lang.reflect.Array.newInstance(erasure(array.getGenericComponentType(), bindings), 0)
                        .getClass();
            }
            if (type instanceof WildcardType wildcard) {
                type = wildcard.getUpperBounds()[0];
                continue;
            }
            if (type instanceof TypeVariable<?> variable) {
                Type bound = bindings.get(variable);
                type = bound != null ? bound : variable.getBounds()[0];
                continue;
            }
            break;
        }
        return Object.class;
    }
}
