package io.jwtguard.tck.payara;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * Settings of {@link SharedPayaraMicroContainer}, from {@code arquillian.xml} (qualifier {@code payara}).
 * Mutable, as Arquillian requires; read once in {@link SharedPayaraMicroContainer#setup}.
 */
public final class SharedPayaraMicroConfiguration implements ContainerConfiguration {
    private String microJar;
    private String javaHome;
    private int httpPort;
    private String microOptions = "";
    private String javaOptions = "";
    private String logFile;
    private int startupTimeoutInSeconds = 180;
    private int deployTimeoutInSeconds = 120;
    private boolean outputToConsole;

    @Override
    public void validate() throws ConfigurationException {
        require(microJar != null && Files.isRegularFile(Path.of(microJar)), "microJar", "the path of payara-micro.jar, got " + microJar);
        require(javaHome != null && Files.isExecutable(Path.of(javaHome, "bin", "java")),
                "javaHome", "a JDK 21+ (Payara Micro 7 needs it; set -Dpayara.java.home=<jdk>), got " + javaHome);
        require(httpPort > 0 && httpPort < 65536, "httpPort", "a TCP port, got " + httpPort);
        require(logFile != null, "logFile", "the file the server's log goes to");
        require(startupTimeoutInSeconds > 0 && deployTimeoutInSeconds > 0, "startupTimeoutInSeconds/deployTimeoutInSeconds", "positive numbers of seconds");
    }

    private static void require(boolean ok, String property, String expected) throws ConfigurationException {
        if (!ok) {
            throw new ConfigurationException("arquillian.xml, container payara, property " + property + ": expected " + expected);
        }
    }

    /** @return the path of {@code payara-micro.jar} */
    public String getMicroJar() {
        return microJar;
    }

    /** @param microJar the path of {@code payara-micro.jar} */
    public void setMicroJar(String microJar) {
        this.microJar = microJar;
    }

    /** @return the JDK (21+) that runs the server */
    public String getJavaHome() {
        return javaHome;
    }

    /** @param javaHome the JDK (21+) that runs the server */
    public void setJavaHome(String javaHome) {
        this.javaHome = javaHome;
    }

    /** @return the server's HTTP port on 127.0.0.1 */
    public int getHttpPort() {
        return httpPort;
    }

    /** @param httpPort the server's HTTP port on 127.0.0.1 */
    public void setHttpPort(int httpPort) {
        this.httpPort = httpPort;
    }

    /** @return Payara Micro's command-line options besides {@code --port}, separated by spaces */
    public String getMicroOptions() {
        return microOptions;
    }

    /** @param microOptions Payara Micro's command-line options besides {@code --port}, separated by spaces */
    public void setMicroOptions(String microOptions) {
        this.microOptions = microOptions;
    }

    /** @return JVM options of the server, separated by spaces */
    public String getJavaOptions() {
        return javaOptions;
    }

    /** @param javaOptions JVM options of the server, separated by spaces */
    public void setJavaOptions(String javaOptions) {
        this.javaOptions = javaOptions;
    }

    /** @return the file that receives the server's log (its standard error), replaced at start */
    public String getLogFile() {
        return logFile;
    }

    /** @param logFile the file that receives the server's log (its standard error), replaced at start */
    public void setLogFile(String logFile) {
        this.logFile = logFile;
    }

    /** @return seconds to wait for the server to boot */
    public int getStartupTimeoutInSeconds() {
        return startupTimeoutInSeconds;
    }

    /** @param startupTimeoutInSeconds seconds to wait for the server to boot */
    public void setStartupTimeoutInSeconds(int startupTimeoutInSeconds) {
        this.startupTimeoutInSeconds = startupTimeoutInSeconds;
    }

    /** @return seconds to wait for one deployment or undeployment */
    public int getDeployTimeoutInSeconds() {
        return deployTimeoutInSeconds;
    }

    /** @param deployTimeoutInSeconds seconds to wait for one deployment or undeployment */
    public void setDeployTimeoutInSeconds(int deployTimeoutInSeconds) {
        this.deployTimeoutInSeconds = deployTimeoutInSeconds;
    }

    /** @return whether the server's log is also copied to the test output */
    public boolean isOutputToConsole() {
        return outputToConsole;
    }

    /** @param outputToConsole whether the server's log is also copied to the test output */
    public void setOutputToConsole(boolean outputToConsole) {
        this.outputToConsole = outputToConsole;
    }
}
