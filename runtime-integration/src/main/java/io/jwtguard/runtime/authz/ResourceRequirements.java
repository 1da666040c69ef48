package io.jwtguard.runtime.authz;

import io.jwtguard.runtime.annotation.MaxTokenAge;
import io.jwtguard.runtime.annotation.RequiredClaim;
import io.jwtguard.runtime.annotation.RequiredScope;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one resource method requires. Security annotations ({@code @DenyAll},
 * {@code @RolesAllowed}, {@code @PermitAll}) follow Jakarta Annotations: one on the method
 * replaces the class's. This project's annotations add up: the smaller {@link MaxTokenAge}, the
 * union of {@link RequiredScope} and of {@link RequiredClaim}. Immutable.
 *
 * @param denyAll {@code @DenyAll}: nobody may call it
 * @param rolesAllowed {@code @RolesAllowed} roles (any one suffices; {@code **} means any
 *     authenticated caller), empty when not role-restricted
 * @param roleRestricted whether {@code @RolesAllowed} applies (with empty roles nobody passes)
 * @param maxTokenAge the per-resource maximum token age, if any
 * @param scopes scopes that must all be granted
 * @param claims claim name to required value, all required
 */
public record ResourceRequirements(boolean denyAll, Set<String> rolesAllowed, boolean roleRestricted,
        Optional<Duration> maxTokenAge, Set<String> scopes, Map<String, Set<String>> claims) {
    /** No requirement at all. */
    public static final ResourceRequirements NONE = new ResourceRequirements(false, Set.of(), false,
            Optional.empty(), Set.of(), Map.of());

    public ResourceRequirements {
        rolesAllowed = Set.copyOf(rolesAllowed);
        scopes = Set.copyOf(scopes);
        claims = Map.copyOf(claims);
        Objects.requireNonNull(maxTokenAge, "maxTokenAge");
    }

    /**
     * @param resourceClass the resource class, not null
     * @param method the resource method, not null
     * @throws IllegalArgumentException when an annotation is malformed (non-positive age, blank scope)
     */
    public static ResourceRequirements of(Class<?> resourceClass, Method method) {
        AnnotatedElement security = hasSecurityAnnotation(method) ? method : resourceClass;
        boolean denyAll = security.isAnnotationPresent(DenyAll.class);
        RolesAllowed roles = security.getAnnotation(RolesAllowed.class);
        boolean permitAll = security.isAnnotationPresent(PermitAll.class);

        Optional<Duration> age = minAge(resourceClass.getAnnotation(MaxTokenAge.class),
                method.getAnnotation(MaxTokenAge.class), method);
        Set<String> scopes = new LinkedHashSet<>();
        for (RequiredScope scope : new RequiredScope[] {resourceClass.getAnnotation(RequiredScope.class),
                method.getAnnotation(RequiredScope.class)}) {
            if (scope != null) {
                for (String s : scope.value()) {
                    if (s.isBlank() || s.chars().anyMatch(c -> c <= 0x20 || c > 0x7E || c == '"' || c == '\\')) {
                        throw new IllegalArgumentException("@RequiredScope on " + method + " has an invalid scope '"
                                + s + "'");
                    }
                    scopes.add(s);
                }
            }
        }
        Map<String, Set<String>> claims = new java.util.LinkedHashMap<>();
        List<RequiredClaim> required = new ArrayList<>();
        required.addAll(Arrays.asList(resourceClass.getAnnotationsByType(RequiredClaim.class)));
        required.addAll(Arrays.asList(method.getAnnotationsByType(RequiredClaim.class)));
        for (RequiredClaim claim : required) {
            if (claim.name().isBlank()) {
                throw new IllegalArgumentException("@RequiredClaim on " + method + " has no claim name");
            }
            claims.computeIfAbsent(claim.name(), n -> new LinkedHashSet<>()).add(claim.value());
        }
        boolean restricted = roles != null && !denyAll && !permitAll;
        return new ResourceRequirements(denyAll, restricted ? Set.of(roles.value()) : Set.of(), restricted, age,
                scopes, claims);
    }

    /** @return whether any requirement applies, so a check is needed */
    public boolean any() {
        return denyAll || roleRestricted || maxTokenAge.isPresent() || !scopes.isEmpty() || !claims.isEmpty();
    }

    /** @return whether the request must carry a verified token */
    public boolean authenticationRequired() {
        return roleRestricted || maxTokenAge.isPresent() || !scopes.isEmpty() || !claims.isEmpty();
    }

    private static boolean hasSecurityAnnotation(Method method) {
        return method.isAnnotationPresent(DenyAll.class) || method.isAnnotationPresent(RolesAllowed.class)
                || method.isAnnotationPresent(PermitAll.class);
    }

    private static Optional<Duration> minAge(MaxTokenAge onClass, MaxTokenAge onMethod, Method method) {
        Duration result = null;
        for (MaxTokenAge age : new MaxTokenAge[] {onClass, onMethod}) {
            if (age == null) {
                continue;
            }
            if (age.value() <= 0) {
                throw new IllegalArgumentException("@MaxTokenAge on " + method + " must be positive, was "
                        + age.value());
            }
            Duration d = Duration.ofSeconds(age.value());
            result = result == null || d.compareTo(result) < 0 ? d : result;
        }
        return Optional.ofNullable(result);
    }
}
