package io.jwtguard.runtime.guard;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The packaging check: finds API classes that an application sees twice, typically because its
 * {@code WEB-INF/lib} carries an API jar that the server ships too (the MicroProfile JWT API,
 * JSON-P, MicroProfile Config). Two copies make the server's beans and the application's classes
 * disagree on types: TomEE's MP-JWT initializer fails with a {@code NullPointerException},
 * injection fails with unsatisfied or ambiguous dependencies, or a child-first class loader
 * silently shadows the server's copy. Stateless.
 */
public final class DuplicateApis {
    /** What is checked: a readable name, and one class of the API as a resource path. */
    static final Map<String, String> APIS;

    static {
        Map<String, String> apis = new LinkedHashMap<>();
        apis.put("the MicroProfile JWT API (microprofile-jwt-auth-api)", "org/eclipse/microprofile/jwt/JsonWebToken.class");
        apis.put("the JSON-P API (jakarta.json-api)", "jakarta/json/Json.class");
        apis.put("the MicroProfile Config API (microprofile-config-api)", "org/eclipse/microprofile/config/Config.class");
        APIS = Collections.unmodifiableMap(apis);
    }

    private DuplicateApis() {
    }

    /**
     * @param loader the application's class loader, not null
     * @return one message per API the loader sees in more than one jar or directory, naming each
     *     copy and the fix; empty when every API is there at most once
     */
    public static List<String> find(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        List<String> problems = new ArrayList<>();
        APIS.forEach((name, resource) -> {
            Set<String> copies = new LinkedHashSet<>();
            try {
                for (URL url : Collections.list(loader.getResources(resource))) {
                    copies.add(container(url.toString(), resource));
                }
            } catch (IOException e) {
                return; // cannot tell: say nothing rather than guess
            }
            if (copies.size() > 1) {
                problems.add(name + " is on the application's class path " + copies.size() + " times: " + copies
                        + ". Keep one: when the server ships it, leave it out of WEB-INF/lib (Maven scope "
                        + "'provided' or an exclusion; the recipe per server is in docs/servers.md).");
            }
        });
        return problems;
    }

    /** @return the jar or directory that holds {@code resource} */
    static String container(String url, String resource) {
        String location = url.endsWith(resource) ? url.substring(0, url.length() - resource.length()) : url;
        if (location.endsWith("!/")) {
            location = location.substring(0, location.length() - 2);
        }
        if (location.startsWith("jar:")) {
            location = location.substring(4);
        }
        return location;
    }
}
