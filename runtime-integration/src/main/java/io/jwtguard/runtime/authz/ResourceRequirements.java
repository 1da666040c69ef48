package io.jwtguard.runtime.authz;

import io.jwtguard.runtime.annotation.MaxTokenAge;
import io.jwtguard.runtime.annotation.RequireDPoP;
import io.jwtguard.runtime.annotation.RequiredClaim;
import io.jwtguard.runtime.annotation.RequiredScope;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one resource method requires. Security annotations ({@code @DenyAll},
 * {@code @RolesAllowed}, {@code @PermitAll}): the nearest one decides, looked up through
 * overridden methods, declaring classes, base classes and interfaces as {@link #of} describes.
 * This project's annotations add up over the same places: the smallest {@link MaxTokenAge}, the
 * union of {@link RequiredScope} and of {@link RequiredClaim}. Immutable.
 *
 * @param denyAll {@code @DenyAll}: nobody may call it
 * @param rolesAllowed {@code @RolesAllowed} roles (any one suffices; {@code **} means any
 *     authenticated caller), empty when not role-restricted
 * @param roleRestricted whether {@code @RolesAllowed} applies (with empty roles nobody passes)
 * @param maxTokenAge the per-resource maximum token age, if any
 * @param scopes scopes that must all be granted
 * @param claims claim name to required value, all required
 * @param dpopRequired {@code @RequireDPoP}: only a DPoP-bound token with a valid proof is accepted
 */
public record ResourceRequirements(boolean denyAll, Set<String> rolesAllowed, boolean roleRestricted,
        Optional<Duration> maxTokenAge, Set<String> scopes, Map<String, Set<String>> claims, boolean dpopRequired) {
    /** No requirement at all. */
    public static final ResourceRequirements NONE = new ResourceRequirements(false, Set.of(), false,
            Optional.empty(), Set.of(), Map.of());

    /** Requirements without {@code @RequireDPoP}. */
    public ResourceRequirements(boolean denyAll, Set<String> rolesAllowed, boolean roleRestricted,
            Optional<Duration> maxTokenAge, Set<String> scopes, Map<String, Set<String>> claims) {
        this(denyAll, rolesAllowed, roleRestricted, maxTokenAge, scopes, claims, false);
    }

    public ResourceRequirements {
        rolesAllowed = Set.copyOf(rolesAllowed);
        scopes = Set.copyOf(scopes);
        claims = Map.copyOf(claims);
        Objects.requireNonNull(maxTokenAge, "maxTokenAge");
    }

    /** A resource method nobody may call: what an unresolvable method gets (fail closed). */
    public static final ResourceRequirements DENY_ALL = new ResourceRequirements(true, Set.of(), false,
            Optional.empty(), Set.of(), Map.of());

    /**
     * Resolves what a resource method requires.
     *
     * <p>{@code @DenyAll}, {@code @RolesAllowed} and {@code @PermitAll} (Jakarta Annotations,
     * "the method value overrides the class value"): the first of these places that carries one
     * decides, nearest first:
     * <ol>
     *   <li>the method that runs (the most specific override in the resource class's
     *       hierarchy), then each method it overrides or implements, in superclasses and
     *       interfaces (JAX-RS annotation inheritance: an override without an annotation of its
     *       own keeps the overridden method's; stricter than Jakarta Annotations, which would
     *       ignore it);</li>
     *   <li>the class that declares the method, then the types declaring the methods it
     *       overrides (abstract and generic base classes, interfaces);</li>
     *   <li>the resource class itself and its superclasses below the declaring class (a class
     *       annotation of the {@code @Path} class also covers the methods it inherits; Jakarta
     *       Annotations would leave those unprotected).</li>
     * </ol>
     * JWT Guard's own annotations add up over all of these places: the smallest
     * {@link MaxTokenAge}, every {@link RequiredScope} and every {@link RequiredClaim}, so an
     * override never drops a requirement of the method it overrides.
     *
     * @param resourceClass the resource class, not null
     * @param method the resource method the runtime reports (possibly declared by a superclass
     *     or interface, or a bridge method), not null
     * @throws IllegalArgumentException when an annotation is malformed (non-positive age, blank
     *     scope or claim name) or one element carries conflicting annotations ({@code @PermitAll}
     *     with {@code @RolesAllowed}, {@code @DenyAll} with either); the message names the class
     *     and method
     */
    public static ResourceRequirements of(Class<?> resourceClass, Method method) {
        MethodDeclarations declarations = MethodDeclarations.of(resourceClass, method);
        List<AnnotatedElement> elements = new ArrayList<>(declarations.declarations());
        elements.addAll(declarations.types());
        for (AnnotatedElement element : elements) {
            rejectConflicts(element, declarations);
        }
        AnnotatedElement security = null;
        for (AnnotatedElement element : elements) {
            if (hasSecurityAnnotation(element)) {
                security = element;
                break;
            }
        }
        boolean denyAll = security != null && security.isAnnotationPresent(DenyAll.class);
        RolesAllowed roles = security == null ? null : security.getDeclaredAnnotation(RolesAllowed.class);

        Optional<Duration> age = Optional.empty();
        Set<String> scopes = new LinkedHashSet<>();
        Map<String, Set<String>> claims = new LinkedHashMap<>();
        boolean dpop = false;
        for (AnnotatedElement element : elements) {
            dpop |= element.isAnnotationPresent(RequireDPoP.class);
            age = minAge(age, element.getDeclaredAnnotation(MaxTokenAge.class), element, declarations);
            RequiredScope scope = element.getDeclaredAnnotation(RequiredScope.class);
            if (scope != null) {
                for (String s : scope.value()) {
                    if (s.isBlank() || s.chars().anyMatch(c -> c <= 0x20 || c > 0x7E || c == '"' || c == '\\')) {
                        throw new IllegalArgumentException("@RequiredScope on " + where(element, declarations)
                                + " has an invalid scope '" + s + "': use scope-tokens without spaces or quotes");
                    }
                    scopes.add(s);
                }
            }
            for (RequiredClaim claim : element.getDeclaredAnnotationsByType(RequiredClaim.class)) {
                if (claim.name().isBlank()) {
                    throw new IllegalArgumentException("@RequiredClaim on " + where(element, declarations)
                            + " has no claim name");
                }
                claims.computeIfAbsent(claim.name(), n -> new LinkedHashSet<>()).add(claim.value());
            }
        }
        boolean restricted = roles != null && !denyAll;
        return new ResourceRequirements(denyAll, restricted ? Set.of(roles.value()) : Set.of(), restricted, age,
                scopes, claims, dpop);
    }

    /**
     * Refuses a type that carries conflicting security annotations on one element (the type or
     * one of its declared methods): {@code @PermitAll} with {@code @RolesAllowed}, or
     * {@code @DenyAll} with either. Called at deployment for every type that has such annotations,
     * whether or not it is a resource class (base classes, interfaces, sub-resources).
     *
     * @param type the type, not null
     * @throws IllegalArgumentException naming the class (and method) when a conflict is found
     */
    public static void checkConflicts(Class<?> type) {
        rejectConflicts(type, null);
        for (Method method : type.getDeclaredMethods()) {
            if (!method.isSynthetic()) {
                rejectConflicts(method, null);
            }
        }
    }

    /** @return whether any requirement applies, so a check is needed */
    public boolean any() {
        return denyAll || roleRestricted || maxTokenAge.isPresent() || !scopes.isEmpty() || !claims.isEmpty()
                || dpopRequired;
    }

    /** @return whether the request must carry a verified token */
    public boolean authenticationRequired() {
        return roleRestricted || maxTokenAge.isPresent() || !scopes.isEmpty() || !claims.isEmpty() || dpopRequired;
    }

    private static boolean hasSecurityAnnotation(AnnotatedElement element) {
        return element.isAnnotationPresent(DenyAll.class) || element.isAnnotationPresent(RolesAllowed.class)
                || element.isAnnotationPresent(PermitAll.class);
    }

    private static void rejectConflicts(AnnotatedElement element, MethodDeclarations declarations) {
        boolean deny = element.isAnnotationPresent(DenyAll.class);
        boolean roles = element.isAnnotationPresent(RolesAllowed.class);
        boolean permit = element.isAnnotationPresent(PermitAll.class);
        if ((deny ? 1 : 0) + (roles ? 1 : 0) + (permit ? 1 : 0) > 1) {
            throw new IllegalArgumentException("Conflicting security annotations on " + where(element, declarations)
                    + ": " + (deny ? "@DenyAll " : "") + (roles ? "@RolesAllowed " : "") + (permit ? "@PermitAll " : "")
                    + "on one element; keep exactly one of them");
        }
    }

    /** @return the element, and the resource method when the element is a type */
    private static String where(AnnotatedElement element, MethodDeclarations declarations) {
        if (element instanceof Method m) {
            return MethodDeclarations.describe(m);
        }
        return "class " + ((Class<?>) element).getName()
                + (declarations == null ? "" : " (resource method " + declarations.describe() + ")");
    }

    private static Optional<Duration> minAge(Optional<Duration> current, MaxTokenAge age, AnnotatedElement element,
            MethodDeclarations declarations) {
        if (age == null) {
            return current;
        }
        if (age.value() <= 0) {
            throw new IllegalArgumentException("@MaxTokenAge on " + where(element, declarations)
                    + " must be positive, was " + age.value());
        }
        Duration d = Duration.ofSeconds(age.value());
        return current.isEmpty() || d.compareTo(current.get()) < 0 ? Optional.of(d) : current;
    }
}
