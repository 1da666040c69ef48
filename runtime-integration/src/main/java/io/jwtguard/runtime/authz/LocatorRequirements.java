package io.jwtguard.runtime.authz;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The requirements of the sub-resource locators a request went through. JAX-RS runtimes apply
 * a {@code DynamicFeature} only to the resource method that finally answers, so a locator's
 * {@code @RolesAllowed} (or its class's) would otherwise protect nothing beneath it. At request
 * time the matched resources (the locators' classes) and matched URIs tell which locators were
 * called: every locator of a matched resource whose {@code @Path} template matches the path
 * between two matched URIs applies, each as its own gate (all must pass). When several
 * templates match the same path (for example {@code items/{id}} and {@code items/new}), all of
 * them apply: stricter than the locator JAX-RS chose, never weaker. When a request went through
 * a locator and none can be identified, the request is denied (fail closed).
 *
 * <p>Locators are found once per class and kept in a {@link ClassValue}. Thread-safe.
 */
public final class LocatorRequirements {
    private static final ClassValue<List<Locator>> LOCATORS = new ClassValue<>() {
        @Override
        protected List<Locator> computeValue(Class<?> type) {
            return locatorsOf(type);
        }
    };

    private LocatorRequirements() {
    }

    /** A locator method: its path template and its requirements. */
    private record Locator(Method method, Pattern template, ResourceRequirements requirements) {
    }

    /**
     * Resolves the locators of {@code resourceClass} and of the sub-resource classes their
     * declared return types name, so that a malformed or conflicting annotation on a locator
     * fails deployment.
     *
     * @param resourceClass a root resource class, not null
     * @throws IllegalArgumentException as {@link ResourceRequirements#of} does
     */
    public static void validate(Class<?> resourceClass) {
        Set<Class<?>> seen = new HashSet<>();
        List<Class<?>> queue = new ArrayList<>(List.of(resourceClass));
        while (!queue.isEmpty() && seen.size() < 256) {
            Class<?> next = queue.remove(queue.size() - 1);
            if (!seen.add(next)) {
                continue;
            }
            for (Locator locator : LOCATORS.get(next)) {
                Class<?> returned = locator.method().getReturnType();
                if (returned != Object.class && returned != Class.class && !returned.isPrimitive()) {
                    queue.add(returned);
                }
            }
        }
    }

    /**
     * @param matchedResources the request's matched resources, current first (JAX-RS
     *     {@code UriInfo.getMatchedResources()}: instances, or their classes as Apache CXF lists
     *     them), not null
     * @param matchedUris the request's matched URIs, decoded (JAX-RS
     *     {@code UriInfo.getMatchedURIs()}), not null
     * @return the requirements of every locator the request went through, outermost first;
     *     {@link ResourceRequirements#DENY_ALL} alone when the request went through a locator that
     *     cannot be identified; empty when it went through none
     */
    public static List<ResourceRequirements> along(List<Object> matchedResources, List<String> matchedUris) {
        Objects.requireNonNull(matchedResources, "matchedResources");
        Objects.requireNonNull(matchedUris, "matchedUris");
        if (matchedResources.size() <= 1) {
            return List.of();
        }
        List<String> uris = new ArrayList<>(matchedUris.size());
        for (String uri : matchedUris) {
            uris.add(trimSlashes(uri));
        }
        List<ResourceRequirements> gates = new ArrayList<>();
        for (int i = matchedResources.size() - 1; i >= 1; i--) {
            Object parent = matchedResources.get(i);
            boolean found = false;
            try {
                for (Locator locator : LOCATORS.get(parent instanceof Class<?> type ? type : parent.getClass())) {
                    if (matches(locator.template(), uris)) {
                        found = true;
                        gates.add(locator.requirements());
                    }
                }
            } catch (RuntimeException e) {
                return List.of(ResourceRequirements.DENY_ALL);
            }
            if (!found) {
                return List.of(ResourceRequirements.DENY_ALL);
            }
        }
        return List.copyOf(gates);
    }

    /** Whether some matched URI extends another matched URI by a path the template matches. */
    private static boolean matches(Pattern template, List<String> uris) {
        for (String longer : uris) {
            for (String prefix : uris) {
                if (longer.length() > prefix.length() + 1 && longer.startsWith(prefix)
                        && (prefix.isEmpty() || longer.charAt(prefix.length()) == '/')
                        && template.matcher(longer.substring(prefix.isEmpty() ? 0 : prefix.length() + 1)).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Locator> locatorsOf(Class<?> type) {
        List<Locator> locators = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (method.getDeclaringClass() == Object.class || Modifier.isStatic(method.getModifiers())
                    || method.isBridge()) {
                continue;
            }
            MethodDeclarations declarations = MethodDeclarations.of(type, method);
            Path path = null;
            boolean resourceMethod = false;
            for (Method declaration : declarations.declarations()) {
                if (path == null) {
                    path = declaration.getDeclaredAnnotation(Path.class);
                }
                for (Annotation annotation : declaration.getDeclaredAnnotations()) {
                    resourceMethod |= annotation.annotationType().isAnnotationPresent(HttpMethod.class);
                }
            }
            if (path != null && !resourceMethod) {
                locators.add(new Locator(declarations.implementation(), template(path.value()),
                        ResourceRequirements.of(type, method)));
            }
        }
        return List.copyOf(locators);
    }

    /**
     * The regular expression of a JAX-RS path template: literal text quoted, {@code {name}} one
     * segment, {@code {name: regex}} the regex.
     */
    static Pattern template(String template) {
        String path = trimSlashes(template);
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            int open = path.indexOf('{', i);
            if (open < 0) {
                regex.append(Pattern.quote(path.substring(i)));
                break;
            }
            if (open > i) {
                regex.append(Pattern.quote(path.substring(i, open)));
            }
            int close = closingBrace(path, open);
            String variable = path.substring(open + 1, close);
            int colon = variable.indexOf(':');
            regex.append('(').append(colon < 0 ? "[^/]+?" : variable.substring(colon + 1).trim()).append(')');
            i = close + 1;
        }
        return Pattern.compile(regex + "/?");
    }

    private static int closingBrace(String path, int open) {
        int depth = 0;
        for (int i = open; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced '{' in @Path(\"" + path + "\")");
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
