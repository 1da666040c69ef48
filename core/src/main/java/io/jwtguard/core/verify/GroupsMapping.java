package io.jwtguard.core.verify;

import static io.jwtguard.core.verify.TokenParts.reject;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How one issuer's claims become the caller's groups: the union of the string values at each
 * groups claim path, in path order with duplicates removed, minus the excluded names. Exclusion
 * only removes: a group that is not in the token never appears, whatever the patterns say.
 * Immutable and thread-safe.
 */
final class GroupsMapping {
    private final List<List<String>> paths;
    private final List<String> exactExclusions;
    private final List<String> prefixExclusions;

    /**
     * @param paths the parsed claim paths, at least one
     * @param exclusions validated exclusion entries (see {@link #invalidExclusion(String)})
     */
    GroupsMapping(List<List<String>> paths, List<String> exclusions) {
        List<List<String>> copy = new ArrayList<>();
        paths.forEach(path -> copy.add(List.copyOf(path)));
        this.paths = List.copyOf(copy);
        List<String> exact = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (String entry : exclusions) {
            if (entry.endsWith("*")) {
                prefixes.add(entry.substring(0, entry.length() - 1));
            } else {
                exact.add(entry);
            }
        }
        this.exactExclusions = List.copyOf(exact);
        this.prefixExclusions = List.copyOf(prefixes);
    }

    /**
     * @return why {@code entry} is not a valid exclusion (a group name, or a prefix followed by one
     *     trailing {@code *}), or null when it is valid
     */
    static String invalidExclusion(String entry) {
        if (entry == null || entry.isBlank()) {
            return "an entry is empty; list group names separated by commas, for example "
                    + "default-roles-*,offline_access,uma_authorization";
        }
        int star = entry.indexOf('*');
        if (star >= 0 && star != entry.length() - 1) {
            return "'" + entry + "' has a '*' that is not at its end; '*' may only end an entry, as a prefix "
                    + "wildcard (for example default-roles-*)";
        }
        return null;
    }

    /**
     * @return the groups, in order of the paths and of the values within each; empty when no path
     *     is present
     * @throws TokenRejectedException ({@link RejectionReason#INVALID_CLAIM}) if a present path holds
     *     neither a string nor an array of strings
     */
    Set<String> groups(JsonObject claims) {
        Set<String> groups = new LinkedHashSet<>();
        for (List<String> path : paths) {
            JsonValue value = ClaimPaths.resolve(claims, path);
            if (value == null) {
                continue;
            }
            if (value instanceof JsonString) {
                add(groups, ((JsonString) value).getString());
            } else if (value instanceof JsonArray) {
                for (JsonValue member : (JsonArray) value) {
                    if (!(member instanceof JsonString)) {
                        throw reject(RejectionReason.INVALID_CLAIM, "the groups claim has a non-string member");
                    }
                    add(groups, ((JsonString) member).getString());
                }
            } else {
                throw reject(RejectionReason.INVALID_CLAIM, "the groups claim is neither a string nor an array");
            }
        }
        return groups;
    }

    private void add(Set<String> groups, String group) {
        if (!excluded(group)) {
            groups.add(group);
        }
    }

    private boolean excluded(String group) {
        if (exactExclusions.contains(group)) {
            return true;
        }
        for (String prefix : prefixExclusions) {
            if (group.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
