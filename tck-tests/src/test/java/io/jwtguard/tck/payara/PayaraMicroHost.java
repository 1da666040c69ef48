package io.jwtguard.tck.payara;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * The main class of the one Payara Micro process that {@link SharedPayaraMicroContainer} starts for a
 * whole test run: it boots Payara Micro through its public API ({@code fish.payara.micro.PayaraMicro},
 * with the command-line options given as arguments), then deploys and undeploys WARs on request.
 *
 * <p>Requests come on standard input, one per line: {@code deploy <name> <context root> <war file>},
 * {@code undeploy <name>}. Each gets one reply line on standard output, starting with {@link #REPLY}:
 * {@code ok} or {@code fail <reason>}. The server's own log goes to standard error. The process ends
 * (and Payara Micro with it) at end of input, so a test JVM that dies leaves no server behind.
 *
 * <p>Runs in the Payara Micro JVM (Java 21+), with {@code payara-micro.jar} and this class on the class
 * path. Payara's API is called reflectively so that this module's test sources compile without
 * Payara Micro on the class path.
 */
public final class PayaraMicroHost {
    /** Marks this class's reply lines on standard output. */
    public static final String REPLY = "@@jwtguard-payara-host ";

    private PayaraMicroHost() {
    }

    /**
     * @param args Payara Micro's command-line options ({@code --port}, {@code --nohazelcast}, ...)
     * @throws Exception when Payara Micro cannot boot: the process ends with a stack trace
     */
    public static void main(String[] args) throws Exception {
        PrintStream replies = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        // everything else Payara prints goes to standard error, so replies stay on their own stream
        System.setOut(System.err);
        Class<?> micro = Class.forName("fish.payara.micro.PayaraMicro");
        micro.getMethod("main", String[].class).invoke(null, (Object) args);
        Object instance = micro.getMethod("getInstance").invoke(null);
        Object runtime = micro.getMethod("getRuntime").invoke(instance);
        Class<?> runtimeType = Class.forName("fish.payara.micro.PayaraMicroRuntime");
        Method deploy = runtimeType.getMethod("deploy", String.class, String.class, File.class);
        Method undeploy = runtimeType.getMethod("undeploy", String.class);
        Method deployed = runtimeType.getMethod("getDeployedApplicationNames");
        replies.println(REPLY + "ok booted");
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = requests.readLine(); line != null; line = requests.readLine()) {
            String[] words = line.trim().split(" ", 4);
            try {
                if (words.length == 4 && words[0].equals("deploy")) {
                    boolean done = (Boolean) deploy.invoke(runtime, words[1], words[2], new File(words[3]));
                    Collection<?> names = (Collection<?>) deployed.invoke(runtime);
                    replies.println(REPLY + (done && names.contains(words[1]) ? "ok" : "fail not deployed, see the server log"));
                } else if (words.length == 2 && words[0].equals("undeploy")) {
                    undeploy.invoke(runtime, words[1]);
                    replies.println(REPLY + "ok");
                } else {
                    replies.println(REPLY + "fail unknown request");
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                replies.println(REPLY + "fail " + cause.getClass().getName() + ": " + String.valueOf(cause.getMessage()).replace('\n', ' '));
            }
        }
        runtimeType.getMethod("shutdown").invoke(runtime);
        System.exit(0);
    }
}
