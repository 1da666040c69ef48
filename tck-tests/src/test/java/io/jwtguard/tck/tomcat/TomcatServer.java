package io.jwtguard.tck.tomcat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
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
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Apache Tomcat process for a test class: a fresh {@code CATALINA_BASE} under
 * {@code jwtguard.tck.tomcat.base-root} (the install's {@code conf/}, then the build's {@code tomcat-conf/} over
 * it: server.xml on 127.0.0.1 only), started with {@code sh bin/catalina.sh run} of the shared install
 * ({@code jwtguard.tck.tomcat.home}) on the test JVM's Java, with exactly the environment variables given plus
 * what the script needs. {@code catalina.sh run} execs Java, so the process is Tomcat's JVM; its console goes to
 * {@code logs/console.log}. {@link #close()} stops it (Tomcat's shutdown hook, then a kill); a JVM shutdown hook
 * does the same if the test JVM ends first.
 *
 * <p>With {@link #withManager()}, Tomcat's manager application is deployed from the install (a context file,
 * loopback clients only) with one {@code manager-script} user whose password is drawn for this run.
 *
 * <p>Not thread-safe: one test class drives it.
 */
public final class TomcatServer implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN = Duration.ofSeconds(30);
    private static final String MANAGER_USER = "jwtguard-test";

    private final Path home = Paths.get(required("jwtguard.tck.tomcat.home"));
    private final Path base;
    private final int port = Integer.parseInt(required("jwtguard.tck.http-port"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String managerAuthorization;
    private Process process;
    private Thread killer;

    private TomcatServer(Path base) {
        this.base = base;
    }

    /**
     * Creates an empty {@code CATALINA_BASE} named {@code name} (an existing one is deleted first).
     *
     * @throws IOException when the folder cannot be prepared
     */
    public static TomcatServer prepare(String name) throws IOException {
        Path base = Paths.get(required("jwtguard.tck.tomcat.base-root")).resolve(name);
        deleteTree(base);
        TomcatServer server = new TomcatServer(base);
        for (String folder : List.of("conf", "logs", "temp", "webapps", "work")) {
            Files.createDirectories(base.resolve(folder));
        }
        copyTree(server.home.resolve("conf"), base.resolve("conf"));
        copyTree(Paths.get(required("jwtguard.tck.tomcat.conf")), base.resolve("conf"));
        return server;
    }

    /** Deploys Tomcat's manager application at startup, with a {@code manager-script} user for this run. */
    TomcatServer withManager() throws IOException {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        Files.writeString(base.resolve("conf/tomcat-users.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<tomcat-users xmlns=\"http://tomcat.apache.org/xml\" version=\"1.0\">\n"
                + "  <role rolename=\"manager-script\"/>\n"
                + "  <user username=\"" + MANAGER_USER + "\" password=\"" + password + "\" roles=\"manager-script\"/>\n"
                + "</tomcat-users>\n");
        Path contexts = Files.createDirectories(base.resolve("conf/Catalina/localhost"));
        Files.writeString(contexts.resolve("manager.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Context docBase=\"" + home.resolve("webapps/manager") + "\" privileged=\"true\""
                + " antiResourceLocking=\"false\">\n"
                + "  <Valve className=\"org.apache.catalina.valves.RemoteCIDRValve\" allow=\"127.0.0.0/8\"/>\n"
                + "</Context>\n");
        managerAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((MANAGER_USER + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** @return this server's {@code webapps/}: WARs there are deployed at startup */
    public Path webapps() {
        return base.resolve("webapps");
    }

    /** @return the HTTP base address, {@code http://127.0.0.1:port/} */
    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** @return the pid of Tomcat's JVM */
    long pid() {
        return process.pid();
    }

    /**
     * Starts Tomcat and returns once its HTTP connector answers (Tomcat opens it after deploying what is in
     * {@code webapps/}).
     *
     * @param environment the variables Tomcat (and so JWT Guard) sees, besides PATH, HOME, LANG and the
     *     script's own; nothing else of the test JVM's environment is passed on
     * @throws IllegalStateException when the port is taken, or Tomcat dies or does not answer within 60 s
     */
    public void start(Map<String, String> environment) throws Exception {
        if (answers()) {
            throw new IllegalStateException("something already listens on 127.0.0.1:" + port + " (a Tomcat of an "
                    + "interrupted run?)");
        }
        ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/catalina.sh").toString(), "run")
                .directory(base.toFile())
                .redirectErrorStream(true)
                .redirectOutput(console().toFile());
        Map<String, String> env = builder.environment();
        Map<String, String> inherited = new LinkedHashMap<>(env);
        env.clear();
        for (String name : List.of("PATH", "HOME", "LANG")) {
            if (inherited.containsKey(name)) {
                env.put(name, inherited.get(name));
            }
        }
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("CATALINA_HOME", home.toString());
        env.put("CATALINA_BASE", base.toString());
        env.put("CATALINA_TMPDIR", base.resolve("temp").toString());
        env.putAll(environment);
        process = builder.start();
        killer = new Thread(this::stopQuietly, "stop-tomcat-" + base.getFileName());
        Runtime.getRuntime().addShutdownHook(killer);
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!answers()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Tomcat ended with " + process.exitValue() + ": " + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Tomcat did not open 127.0.0.1:" + port + " within " + STARTUP
                        + ": " + tail());
            }
            Thread.sleep(200);
        }
    }

    private boolean answers() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false; // refused: not (yet) listening
        }
    }

    /**
     * Deploys {@code war} at {@code /contextPath} through the manager's text interface (the WAR is uploaded).
     *
     * @throws IllegalStateException when the manager does not answer {@code OK}
     */
    void deploy(String contextPath, Path war) throws Exception {
        HttpRequest request = manager("deploy?path=/" + contextPath)
                .PUT(HttpRequest.BodyPublishers.ofFile(war)).build();
        expectOk(http.send(request, HttpResponse.BodyHandlers.ofString()).body(), "deploy /" + contextPath);
    }

    /** Undeploys {@code /contextPath} through the manager's text interface. */
    void undeploy(String contextPath) throws Exception {
        expectOk(managerText("undeploy?path=/" + contextPath), "undeploy /" + contextPath);
    }

    /** @return the manager's text answer to {@code command} (for example {@code findleaks?statusLine=true}) */
    String managerText(String command) throws Exception {
        return http.send(manager(command).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpRequest.Builder manager(String command) {
        if (managerAuthorization == null) {
            throw new IllegalStateException("no manager: call withManager() before start()");
        }
        return HttpRequest.newBuilder(URI.create(url() + "manager/text/" + command))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", managerAuthorization);
    }

    private static void expectOk(String answer, String what) {
        if (!answer.startsWith("OK")) {
            throw new IllegalStateException(what + ": " + answer);
        }
    }

    /** @return the console output (everything Tomcat's JVM wrote), as far as written */
    Path console() {
        return base.resolve("logs/console.log");
    }

    /** @return every file in {@code logs/}: the console, Tomcat's logs and the access log */
    public List<Path> logFiles() throws IOException {
        try (Stream<Path> files = Files.list(base.resolve("logs"))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** @return the lines of the console output */
    public List<String> consoleLines() throws IOException {
        return Files.readAllLines(console(), StandardCharsets.UTF_8);
    }

    private String tail() {
        try {
            List<String> lines = consoleLines();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no console: " + e.getMessage() + ")";
        }
    }

    /** Stops Tomcat: SIGTERM (Tomcat's shutdown hook stops every application), after 30 s a kill. */
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
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroy();
        try {
            if (!running.waitFor(SHUTDOWN.toSeconds(), TimeUnit.SECONDS)) {
                running.destroyForcibly();
                running.waitFor(SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " not set: run with -Ptomcat-servlet");
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
        if (!Files.exists(root)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                Files.delete(all.get(i));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
