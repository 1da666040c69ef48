package io.jwtguard.tck.keycloak;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One Keycloak process for a test class, started with {@code sh bin/kc.sh start-dev} on a JDK 21+
 * ({@code jwtguard.tck.keycloak.java-home}), HTTP on 127.0.0.1 only, the health endpoints on the management port,
 * and the realm files of {@code jwtguard.tck.keycloak.realm-dir} imported at start ({@code --import-realm}).
 *
 * <p>Keycloak reads its realm imports from {@code <home>/data/import} and keeps its database in
 * {@code <home>/data}, and {@code start-dev} re-augments (rewrites {@code lib/quarkus}) when its build options
 * differ from the install's. So the shared, read-only install ({@code jwtguard.tck.keycloak.home}) is not run in
 * place: a fresh home under {@code jwtguard.tck.keycloak.data} (in {@code target/}) gets a copy of
 * {@code bin/kc.sh}, {@code conf/} and {@code lib/quarkus}, links to the install's jars and themes, and the realm
 * files. The first run's augmented {@code lib/quarkus} is kept beside the install ({@code augmented-dev/}), so later
 * runs skip the augmentation (about a minute on 2 cores).
 *
 * <p>The admin user is bootstrapped from {@code KC_BOOTSTRAP_ADMIN_USERNAME}/{@code _PASSWORD} with a password drawn
 * per run; no secret is written to the logs. The console goes to {@code jwtguard.tck.keycloak.logs}. {@link #close()}
 * ends {@code kc.sh} and every descendant (SIGTERM, after 30 s a kill); a JVM shutdown hook does the same if the test
 * JVM ends first. Not thread-safe.
 */
final class KeycloakServer implements AutoCloseable {
    static final String REALM = "jwtguard";
    private static final Duration STARTUP = Duration.ofSeconds(240);
    private static final Duration SHUTDOWN = Duration.ofSeconds(30);
    private static final String ADMIN = "jwtguard-admin";

    private final Path install = Paths.get(required("jwtguard.tck.keycloak.home"));
    private final Path home = Paths.get(required("jwtguard.tck.keycloak.data")).resolve("home");
    private final Path logs = Paths.get(required("jwtguard.tck.keycloak.logs"));
    private final int port = Integer.parseInt(required("jwtguard.tck.keycloak.http-port"));
    private final int managementPort = Integer.parseInt(required("jwtguard.tck.keycloak.management-port"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String adminPassword;
    private Process process;
    private Thread killer;
    private Duration startTime;

    KeycloakServer() {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        adminPassword = HexFormat.of().formatHex(secret);
    }

    /** @return the issuer of the test realm, exactly as its tokens carry it in {@code iss} */
    String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    /** @return how long {@code kc.sh} took until {@code /health/ready} answered 200 */
    Duration startTime() {
        return startTime;
    }

    /** @return whether this run re-used the augmented {@code lib/quarkus} of an earlier run */
    boolean reusedAugmentation() {
        return Files.isDirectory(augmentedCache());
    }

    private Path augmentedCache() {
        return install.getParent().resolve("augmented-dev");
    }

    /**
     * Prepares the home, starts Keycloak and returns once {@code /health/ready} answers 200.
     *
     * @throws IllegalStateException when the port is taken, or Keycloak ends or is not ready within 4 minutes
     */
    void start() throws Exception {
        if (answers("http://127.0.0.1:" + port + "/")) {
            throw new IllegalStateException("something already listens on 127.0.0.1:" + port
                    + " (a Keycloak of an interrupted run?)");
        }
        boolean augmented = reusedAugmentation();
        prepareHome(augmented);
        Files.createDirectories(logs);
        String java = required("jwtguard.tck.keycloak.java-home");
        ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + managementPort,
                "--health-enabled=true", "--import-realm")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("keycloak.log").toFile());
        Map<String, String> env = builder.environment();
        Map<String, String> inherited = new LinkedHashMap<>(env);
        env.clear();
        for (String name : List.of("PATH", "HOME", "LANG")) {
            if (inherited.containsKey(name)) {
                env.put(name, inherited.get(name));
            }
        }
        env.put("JAVA_HOME", java);
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        long started = System.nanoTime();
        process = builder.start();
        killer = new Thread(this::stopQuietly, "stop-keycloak");
        Runtime.getRuntime().addShutdownHook(killer);
        long deadline = started + STARTUP.toNanos();
        String ready = "http://127.0.0.1:" + managementPort + "/health/ready";
        while (!answers(ready)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak ended with " + process.exitValue() + ": " + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Keycloak was not ready within " + STARTUP + ": " + tail());
            }
            Thread.sleep(500);
        }
        startTime = Duration.ofNanos(System.nanoTime() - started);
        if (!augmented) {
            keepAugmentation();
        }
    }

    private void prepareHome(boolean augmented) throws IOException {
        deleteTree(home);
        for (String folder : List.of("bin", "lib", "data/import", "providers")) {
            Files.createDirectories(home.resolve(folder));
        }
        Files.copy(install.resolve("bin/kc.sh"), home.resolve("bin/kc.sh"));
        copyTree(install.resolve("conf"), home.resolve("conf"));
        Files.createSymbolicLink(home.resolve("lib/lib"), install.resolve("lib/lib"));
        Files.createSymbolicLink(home.resolve("themes"), install.resolve("themes"));
        copyTree(install.resolve("lib/app"), home.resolve("lib/app"));
        Files.copy(install.resolve("lib/quarkus-run.jar"), home.resolve("lib/quarkus-run.jar"));
        copyTree(augmented ? augmentedCache() : install.resolve("lib/quarkus"), home.resolve("lib/quarkus"));
        try (Stream<Path> realms = Files.list(Paths.get(required("jwtguard.tck.keycloak.realm-dir")))) {
            for (Path realm : (Iterable<Path>) realms::iterator) {
                if (realm.toString().endsWith(".json")) {
                    Files.copy(realm, home.resolve("data/import").resolve(realm.getFileName()));
                }
            }
        }
    }

    /** Keeps this run's augmented lib/quarkus for later runs (copied, then moved in place in one step). */
    private void keepAugmentation() {
        Path cache = augmentedCache();
        Path partial = cache.resolveSibling("augmented-dev.partial-" + ProcessHandle.current().pid());
        try {
            copyTree(home.resolve("lib/quarkus"), partial);
            Files.move(partial, cache, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.out.println("KeycloakServer: the augmented lib/quarkus was not kept (" + e + ")");
            try {
                deleteTree(partial);
            } catch (IOException | UncheckedIOException ignored) {
                // the next run augments again
            }
        }
    }

    private boolean answers(String url) {
        try {
            HttpResponse<Void> reply = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return reply.statusCode() == 200;
        } catch (IOException e) {
            return false; // not (yet) listening
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A token response of the realm's token endpoint.
     *
     * @param form the form parameters (grant type, client, credentials, scope)
     * @return the parsed JSON answer; its tokens must never be printed
     * @throws IllegalStateException on any status but 200 (the message holds Keycloak's {@code error} only)
     */
    JsonObject token(Map<String, String> form) throws Exception {
        return token(REALM, form);
    }

    private JsonObject token(String realm, Map<String, String> form) throws Exception {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/realms/" + realm + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
        JsonObject json = json(reply.body());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("token endpoint answered " + reply.statusCode() + ": "
                    + json.getString("error", "?") + " " + json.getString("error_description", ""));
        }
        return json;
    }

    /** @return an access token of the master realm's admin (for the admin REST API) */
    private String adminToken() throws Exception {
        return token("master", Map.of("grant_type", "password", "client_id", "admin-cli", "username", ADMIN,
                "password", adminPassword)).getString("access_token");
    }

    /**
     * Calls the admin REST API ({@code /admin/realms/...}).
     *
     * @param method {@code GET} or {@code POST}
     * @param path below {@code /admin/realms/}, for example {@code jwtguard/components}
     * @param body JSON to send, or null
     * @return the response (status and body)
     */
    HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/admin/realms/" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken());
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the realm's JWK Set, as its discovery document's {@code jwks_uri} serves it */
    JsonObject jwks() throws Exception {
        return json(http.send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/certs"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static String form(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** @return the log file (Keycloak's console) */
    Path log() {
        return logs.resolve("keycloak.log");
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops kc.sh and its Java process: SIGTERM to all, after 30 s a kill of whatever is left. */
    @Override
    public void close() {
        stopQuietly();
        if (killer != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException e) {
                // the test JVM is shutting down; the hook runs anyway
            }
            killer = null;
        }
    }

    private void stopQuietly() {
        Process running = process;
        if (running == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(running.descendants().toList());
        all.add(running.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + SHUTDOWN.toNanos();
        for (ProcessHandle p : all) {
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                p.destroyForcibly();
            }
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " not set: run with -Pkeycloak");
        }
        return value;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) { // does not follow the links into the install
            files.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.delete(all.get(i));
        }
    }
}
