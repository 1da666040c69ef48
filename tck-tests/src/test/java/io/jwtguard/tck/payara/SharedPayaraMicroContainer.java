package io.jwtguard.tck.payara;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * An Arquillian container that runs every deployment of a test run in ONE Payara Micro process,
 * deploying and undeploying WARs through Payara Micro's public API ({@link PayaraMicroHost}), where
 * the managed adapter {@code arquillian-payara-micro-managed} boots a new server for each WAR (the
 * TCK's 45 deployments then took 30 minutes on 2 cores; one server takes a few).
 *
 * <p>Every WAR is deployed at the context root its {@code WEB-INF/payara-web.xml} names, else at
 * {@code /<name>} (one at a time, as Arquillian deploys them);
 * the server listens on 127.0.0.1 only ({@code --interfaces} and the pre-boot commands in the
 * configuration). Its log (standard error) goes to {@link SharedPayaraMicroConfiguration#getLogFile()}.
 * Not thread-safe: Arquillian calls a container from one thread.
 */
public final class SharedPayaraMicroContainer implements DeployableContainer<SharedPayaraMicroConfiguration> {
    /** What the JAR's manifest asks of a JVM started with {@code -jar}; on the class path they must be given. */
    private static final List<String> PAYARA_JVM_ACCESS = List.of(
            "--add-opens=java.base/jdk.internal.loader=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.management/sun.management=ALL-UNNAMED",
            "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens=java.base/sun.net.www.protocol.jrt=ALL-UNNAMED",
            "--add-opens=java.base/sun.net.www.protocol.jar=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.naming/javax.naming.spi=ALL-UNNAMED", "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
            "--add-opens=java.logging/java.util.logging=ALL-UNNAMED",
            "--add-opens=java.management/javax.management=ALL-UNNAMED",
            "--add-opens=java.management/javax.management.openmbean=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=jdk.naming.dns/com.sun.jndi.dns=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED");

    private static final Pattern CONTEXT_ROOT = Pattern.compile("<context-root>([^<]+)</context-root>");

    private SharedPayaraMicroConfiguration config;
    private Process server;
    private Writer requests;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    @Override
    public Class<SharedPayaraMicroConfiguration> getConfigurationClass() {
        return SharedPayaraMicroConfiguration.class;
    }

    @Override
    public void setup(SharedPayaraMicroConfiguration configuration) {
        this.config = configuration;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Servlet 5.0");
    }

    @Override
    public void start() throws LifecycleException {
        if (portInUse()) {
            throw new LifecycleException("127.0.0.1:" + config.getHttpPort() + " is in use before Payara Micro starts: "
                    + "a server left from an earlier run? (find it with: ss -ltnp 'sport = :" + config.getHttpPort() + "')");
        }
        Path log = Path.of(config.getLogFile());
        List<String> command = new ArrayList<>();
        command.add(Path.of(config.getJavaHome(), "bin", "java").toString());
        command.addAll(words(config.getJavaOptions()));
        command.addAll(PAYARA_JVM_ACCESS);
        command.add("-cp");
        command.add(config.getMicroJar() + File.pathSeparator + hostClassPath());
        command.add(PayaraMicroHost.class.getName());
        command.add("--port");
        command.add(Integer.toString(config.getHttpPort()));
        command.addAll(words(config.getMicroOptions()));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            server = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new LifecycleException("cannot start Payara Micro: " + command, e);
        }
        requests = new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readReplies, "payara-micro-host-replies");
        reader.setDaemon(true);
        reader.start();
        String booted = await(config.getStartupTimeoutInSeconds());
        if (booted == null || !booted.startsWith("ok")) {
            server.destroyForcibly();
            throw new LifecycleException("Payara Micro did not boot within " + config.getStartupTimeoutInSeconds()
                    + " s (" + (booted == null ? "no answer" : booted) + "); its log: " + log.toAbsolutePath());
        }
    }

    @Override
    public void stop() throws LifecycleException {
        if (server == null) {
            return;
        }
        try {
            requests.close(); // end of input: the host shuts Payara Micro down and exits
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            server.destroyForcibly();
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            server = null;
        }
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        Path war = Path.of(config.getLogFile()).toAbsolutePath().getParent().resolve("deployments").resolve(archive.getName());
        try {
            Files.createDirectories(war.getParent());
        } catch (IOException e) {
            throw new DeploymentException("cannot write " + war, e);
        }
        archive.as(ZipExporter.class).exportTo(war.toFile(), true);
        String contextRoot = contextRoot(archive);
        String reply = request("deploy " + applicationName(archive) + " " + contextRoot + " " + war);
        if (!"ok".equals(reply)) {
            throw new DeploymentException("Payara Micro did not deploy " + archive.getName() + ": " + reply
                    + "; its log: " + Path.of(config.getLogFile()).toAbsolutePath());
        }
        // the servlet's context gives test URLs their context root and trailing slash
        return new ProtocolMetaData().addContext(new HTTPContext("127.0.0.1", config.getHttpPort()).add(new Servlet("default", contextRoot)));
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        String reply = request("undeploy " + applicationName(archive));
        if (!"ok".equals(reply)) {
            throw new DeploymentException("Payara Micro did not undeploy " + archive.getName() + ": " + reply);
        }
    }

    private String request(String line) throws DeploymentException {
        if (server == null || !server.isAlive()) {
            throw new DeploymentException("Payara Micro is not running; its log: " + Path.of(config.getLogFile()).toAbsolutePath());
        }
        replies.clear();
        try {
            requests.write(line + "\n");
            requests.flush();
        } catch (IOException e) {
            throw new DeploymentException("cannot reach the Payara Micro host process", e);
        }
        String reply = await(config.getDeployTimeoutInSeconds());
        return reply == null ? "no answer within " + config.getDeployTimeoutInSeconds() + " s" : reply;
    }

    private String await(int seconds) {
        try {
            return replies.poll(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void readReplies() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(PayaraMicroHost.REPLY)) {
                    replies.add(line.substring(PayaraMicroHost.REPLY.length()).trim());
                }
            }
        } catch (IOException e) {
            // the process ended: requests time out or find it dead
        }
        replies.add("fail the Payara Micro process ended");
    }

    private boolean portInUse() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", config.getHttpPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @return the context root Payara gives the WAR: the one {@code WEB-INF/payara-web.xml} names, else
     *     {@code /<name>} for {@code <name>.war}
     */
    static String contextRoot(Archive<?> archive) {
        Node descriptor = archive.get("/WEB-INF/payara-web.xml");
        if (descriptor != null && descriptor.getAsset() != null) {
            try (InputStream in = descriptor.getAsset().openStream()) {
                Matcher root = CONTEXT_ROOT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (root.find()) {
                    return root.group(1).trim();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "/" + applicationName(archive);
    }

    /** @return the archive's name without {@code .war}: the application's name in Payara */
    private static String applicationName(Archive<?> archive) {
        String name = archive.getName();
        return name.endsWith(".war") ? name.substring(0, name.length() - 4) : name;
    }

    /**
     * @return a folder holding only {@link PayaraMicroHost}'s class: the server's class path must not
     *     hold the test classes, or the server's system class loader would load an application's
     *     classes (those of the authorization suite's WARs) without the Jakarta EE APIs they need
     */
    private Path hostClassPath() throws LifecycleException {
        String resource = PayaraMicroHost.class.getName().replace('.', '/') + ".class";
        Path folder = Path.of(config.getLogFile()).toAbsolutePath().getParent().resolve("host-classes");
        try (InputStream in = PayaraMicroHost.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new LifecycleException("cannot find " + resource);
            }
            Path target = folder.resolve(resource);
            Files.createDirectories(target.getParent());
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return folder;
        } catch (IOException e) {
            throw new LifecycleException("cannot copy " + resource + " to " + folder, e);
        }
    }

    private static List<String> words(String options) {
        String trimmed = options == null ? "" : options.trim();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }
}
