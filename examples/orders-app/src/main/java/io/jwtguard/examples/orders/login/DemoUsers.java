package io.jwtguard.examples.orders.login;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The demo user directory, read once from MicroProfile Config (so every value can be replaced by
 * an environment variable or a system property):
 *
 * <pre>
 * orders.users=alice,bob
 * orders.users.alice.password=pbkdf2-sha256:600000:...   (see {@link PasswordHash})
 * orders.users.alice.groups=user,admin
 * orders.users.alice.scope=orders:read orders:write
 * </pre>
 *
 * A user whose password is not a well-formed hash is left out (and reported at start-up without
 * the value). Thread-safe: immutable after construction.
 */
@ApplicationScoped
public class DemoUsers {
    /** A user of the directory. */
    public record User(String name, PasswordHash password, Set<String> groups, Set<String> scope) {
    }

    // Compared against when the user is unknown, so that an unknown name costs as much time as a wrong password.
    private static final PasswordHash DECOY = PasswordHash.parse(
            PasswordHash.create("decoy".toCharArray(), PasswordHash.DEFAULT_ITERATIONS)).orElseThrow();
    private static final System.Logger LOG = System.getLogger(DemoUsers.class.getName());

    private final Map<String, User> users;

    /** Reads the users of the application's configuration. */
    public DemoUsers() {
        this(ConfigProvider.getConfig());
    }

    DemoUsers(Config config) {
        Map<String, User> read = new LinkedHashMap<>();
        for (String name : config.getOptionalValues("orders.users", String.class).orElse(List.of())) {
            String prefix = "orders.users." + name + ".";
            Optional<PasswordHash> password = PasswordHash.parse(
                    config.getOptionalValue(prefix + "password", String.class).orElse(null));
            if (password.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "Demo user " + name + " left out: " + prefix
                        + "password is not a pbkdf2-sha256 hash");
                continue;
            }
            read.put(name, new User(name, password.get(), set(config, prefix + "groups", ","),
                    set(config, prefix + "scope", " ")));
        }
        this.users = Map.copyOf(read);
    }

    private static Set<String> set(Config config, String property, String separator) {
        Set<String> values = new LinkedHashSet<>();
        for (String value : config.getOptionalValue(property, String.class).orElse("").split(separator)) {
            if (!value.isBlank()) {
                values.add(value.trim());
            }
        }
        return java.util.Collections.unmodifiableSet(values);
    }

    /**
     * @param name the presented user name, may be null
     * @param password the presented password, not null
     * @return the user when the name is known and the password matches
     */
    public Optional<User> authenticate(String name, char[] password) {
        User user = name == null ? null : users.get(name);
        if (user == null) {
            DECOY.matches(password);
            return Optional.empty();
        }
        return user.password().matches(password) ? Optional.of(user) : Optional.empty();
    }

    /** @return the configured user names */
    public Set<String> names() {
        return users.keySet();
    }
}
