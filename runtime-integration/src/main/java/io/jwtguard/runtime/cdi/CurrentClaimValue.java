package io.jwtguard.runtime.cdi;

import java.lang.reflect.Type;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.jwt.ClaimValue;

/**
 * A {@link ClaimValue} that reads the claim from the current request's token on every call, so it
 * is correct in beans of any scope. Immutable; thread-safe.
 *
 * @param <T> the value type
 */
final class CurrentClaimValue<T> implements ClaimValue<T> {
    private final String name;
    private final Type valueType;
    private final boolean optional;
    private final CurrentToken current;

    CurrentClaimValue(String name, Type valueType, boolean optional, CurrentToken current) {
        this.name = Objects.requireNonNull(name, "name");
        this.valueType = Objects.requireNonNull(valueType, "valueType");
        this.optional = optional;
        this.current = Objects.requireNonNull(current, "current");
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T getValue() {
        Object value = ClaimValues.value(current.token(), name, valueType);
        return (T) (optional ? Optional.ofNullable(value) : value);
    }

    @Override
    public String toString() {
        return "ClaimValue[" + name + "]";
    }
}
