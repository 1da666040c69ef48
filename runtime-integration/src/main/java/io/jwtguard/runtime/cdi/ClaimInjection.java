package io.jwtguard.runtime.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ConversationScoped;
import jakarta.enterprise.context.SessionScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Provider;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.Claims;

/**
 * One {@code @Claim} injection point, understood: the claim name, how the value is wrapped
 * ({@code Optional}, {@code ClaimValue}, {@code ClaimValue<Optional>}), and the value type. The
 * supported value types are those of MicroProfile JWT 2.1: {@code String}, {@code Long}/{@code
 * long}, {@code Boolean}/{@code boolean}, {@code Double}/{@code double}, {@code Set<String>},
 * {@code JsonValue}, {@code JsonString}, {@code JsonNumber}, {@code JsonArray},
 * {@code JsonObject}; any of them may sit inside {@code Provider<>} or {@code Instance<>}.
 *
 * <p>{@link #parse(InjectionPoint)} rejects a malformed point with a message naming it, which
 * the extension reports as a deployment error. Immutable.
 *
 * @param name the claim name, never empty
 * @param wrapper how the value is wrapped
 * @param valueType the value type
 * @param lazy whether the point is a {@code Provider} or {@code Instance}
 */
record ClaimInjection(String name, Wrapper wrapper, Type valueType, boolean lazy) {
    /** How the claim value is wrapped at the injection point. */
    enum Wrapper {
        NONE, OPTIONAL, CLAIM_VALUE, CLAIM_VALUE_OPTIONAL
    }

    private static final Set<Type> VALUE_TYPES = Set.of(String.class, Long.class, long.class, Boolean.class,
            boolean.class, Double.class, double.class, JsonValue.class, JsonString.class, JsonNumber.class,
            JsonArray.class, JsonObject.class);
    private static final Set<Class<? extends Annotation>> LONG_LIVED_SCOPES = Set.of(ApplicationScoped.class,
            SessionScoped.class, ConversationScoped.class);

    /**
     * Validates a point at deployment: {@link #parse(InjectionPoint)}, and a raw value (not
     * {@code ClaimValue}, {@code Provider} or {@code Instance}) must not be injected into a bean
     * that outlives the request, where it would keep the first request's value.
     *
     * @throws IllegalArgumentException describing the problem, when the point is malformed
     */
    static ClaimInjection validate(InjectionPoint point) {
        ClaimInjection injection = parse(point);
        Bean<?> bean = point.getBean();
        if (bean != null && LONG_LIVED_SCOPES.contains(bean.getScope()) && !injection.lazy
                && injection.wrapper != Wrapper.CLAIM_VALUE && injection.wrapper != Wrapper.CLAIM_VALUE_OPTIONAL) {
            throw new IllegalArgumentException("@Claim(\"" + injection.name + "\") at " + describe(point)
                    + " is injected into a @" + bean.getScope().getSimpleName() + " bean, so it would keep the value "
                    + "of the first request for every later one; inject ClaimValue<...>, Provider<...> or "
                    + "Instance<...> instead");
        }
        return injection;
    }

    /**
     * @throws IllegalArgumentException describing the problem, when the point has no claim name
     *     or an unsupported type
     */
    static ClaimInjection parse(InjectionPoint point) {
        try {
            return parse(point, point.getType());
        } catch (IllegalArgumentException e) {
            // OpenWebBeans (TomEE 9) hands the producers an Instance<> lookup's injection point
            // whose getType() is the producer's bean class; the member's declared type still says
            // what was asked for
            Type declared = point.getAnnotated() == null ? null : point.getAnnotated().getBaseType();
            if (declared == null || declared.equals(point.getType())) {
                throw e;
            }
            return parse(point, declared);
        }
    }

    private static ClaimInjection parse(InjectionPoint point, Type pointType) {
        Claim claim = claimQualifier(point).orElseThrow(() -> new IllegalArgumentException(
                "not a @Claim injection point: " + describe(point)));
        String name = claimName(claim, point);
        Type type = pointType;
        boolean lazy = false;
        if (isParameterized(type, Provider.class) || isParameterized(type, Instance.class)) {
            type = argument(type);
            lazy = true;
        }
        Wrapper wrapper = Wrapper.NONE;
        if (rawClass(type) == ClaimValue.class) {
            wrapper = Wrapper.CLAIM_VALUE;
            type = type instanceof ParameterizedType ? argument(type) : Object.class;
            if (isParameterized(type, Optional.class)) {
                wrapper = Wrapper.CLAIM_VALUE_OPTIONAL;
                type = argument(type);
            }
        } else if (isParameterized(type, Optional.class)) {
            wrapper = Wrapper.OPTIONAL;
            type = argument(type);
        }
        boolean supported = VALUE_TYPES.contains(type) || isStringSet(type)
                || (wrapper == Wrapper.CLAIM_VALUE && type == Object.class);
        if (!supported) {
            throw new IllegalArgumentException("@Claim(\"" + name + "\") at " + describe(point) + " has type "
                    + pointType.getTypeName() + ", which is not a supported claim type; use String, Long, long, "
                    + "Boolean, boolean, Double, double, Set<String>, JsonValue, JsonString, JsonNumber, JsonArray or "
                    + "JsonObject, optionally inside Optional<>, ClaimValue<>, ClaimValue<Optional<>>, Provider<> or "
                    + "Instance<>");
        }
        return new ClaimInjection(name, wrapper, type, lazy);
    }

    /** @return the point's {@code @Claim} qualifier, if any */
    static Optional<Claim> claimQualifier(InjectionPoint point) {
        for (Annotation qualifier : point.getQualifiers()) {
            if (qualifier instanceof Claim) {
                return Optional.of((Claim) qualifier);
            }
        }
        return Optional.empty();
    }

    private static String claimName(Claim claim, InjectionPoint point) {
        String value = claim.value();
        Claims standard = claim.standard();
        boolean hasValue = value != null && !value.isEmpty();
        boolean hasStandard = standard != null && standard != Claims.UNKNOWN;
        if (hasValue && hasStandard && !value.equals(standard.name())) {
            throw new IllegalArgumentException("@Claim at " + describe(point) + " names two claims: value \"" + value
                    + "\" and standard " + standard.name() + "; keep one");
        }
        if (hasValue) {
            return value;
        }
        if (hasStandard) {
            return standard.name();
        }
        throw new IllegalArgumentException("@Claim at " + describe(point) + " has no claim name; write "
                + "@Claim(\"name\") or @Claim(standard = Claims.name)");
    }

    private static boolean isStringSet(Type type) {
        return isParameterized(type, Set.class) && argument(type) == String.class;
    }

    private static boolean isParameterized(Type type, Class<?> raw) {
        return type instanceof ParameterizedType && ((ParameterizedType) type).getRawType() == raw;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class) {
            return (Class<?>) type;
        }
        if (type instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) type).getRawType();
        }
        return null;
    }

    private static Type argument(Type type) {
        return ((ParameterizedType) type).getActualTypeArguments()[0];
    }

    static String describe(InjectionPoint point) {
        if (point.getMember() != null) {
            return point.getMember().getDeclaringClass().getName() + "." + point.getMember().getName();
        }
        return String.valueOf(point);
    }
}
