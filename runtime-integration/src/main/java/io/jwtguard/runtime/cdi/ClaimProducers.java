package io.jwtguard.runtime.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;

/**
 * Producers of every {@code @Claim} injection form of MicroProfile JWT 2.1. CDI needs one
 * producer per bean type (each restricted with {@link Typed} so that, for example, a
 * {@code JsonString} producer does not also answer {@code JsonValue}); each is one line that
 * hands the injection point to the single conversion in {@link ClaimValues}. {@code Provider<>}
 * and {@code Instance<>} forms resolve to these producers at each lookup, so they always read
 * the current request.
 *
 * <p>Public and not final only because CDI requires it of bean classes.
 */
@Dependent
public class ClaimProducers {
    @Inject
    CurrentToken current;

    @Produces @Claim @Typed(String.class)
    String string(InjectionPoint point) {
        return (String) raw(point);
    }

    @Produces @Claim @Typed(Long.class)
    Long longValue(InjectionPoint point) {
        return (Long) raw(point);
    }

    @Produces @Claim @Typed(Boolean.class)
    Boolean booleanValue(InjectionPoint point) {
        return (Boolean) raw(point);
    }

    @Produces @Claim @Typed(Double.class)
    Double doubleValue(InjectionPoint point) {
        return (Double) raw(point);
    }

    @Produces @Claim @Typed(Set.class)
    @SuppressWarnings("unchecked")
    Set<String> stringSet(InjectionPoint point) {
        return (Set<String>) raw(point);
    }

    @Produces @Claim @Typed(JsonValue.class)
    JsonValue jsonValue(InjectionPoint point) {
        return (JsonValue) raw(point);
    }

    @Produces @Claim @Typed(JsonString.class)
    JsonString jsonString(InjectionPoint point) {
        return (JsonString) raw(point);
    }

    @Produces @Claim @Typed(JsonNumber.class)
    JsonNumber jsonNumber(InjectionPoint point) {
        return (JsonNumber) raw(point);
    }

    @Produces @Claim @Typed(JsonArray.class)
    JsonArray jsonArray(InjectionPoint point) {
        return (JsonArray) raw(point);
    }

    @Produces @Claim @Typed(JsonObject.class)
    JsonObject jsonObject(InjectionPoint point) {
        return (JsonObject) raw(point);
    }

    @Produces @Claim @Typed(Optional.class)
    <T> Optional<T> optional(InjectionPoint point) {
        @SuppressWarnings("unchecked")
        T value = (T) raw(point);
        return Optional.ofNullable(value);
    }

    @Produces @Claim @Typed(ClaimValue.class)
    <T> ClaimValue<T> claimValue(InjectionPoint point) {
        ClaimInjection injection = ClaimInjection.parse(point);
        return new CurrentClaimValue<>(injection.name(), injection.valueType(),
                injection.wrapper() == ClaimInjection.Wrapper.CLAIM_VALUE_OPTIONAL, current);
    }

    private Object raw(InjectionPoint point) {
        ClaimInjection injection = ClaimInjection.parse(point);
        return ClaimValues.value(current.token(), injection.name(), injection.valueType());
    }
}
