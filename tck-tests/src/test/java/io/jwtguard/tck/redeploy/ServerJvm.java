package io.jwtguard.tck.redeploy;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the redeployment tests ask a server's JVM, through the test JVM's {@code jcmd}: instance counts, live
 * threads, its Java version, and heap dumps read by {@link StrongPaths}. Used by {@link RedeployLeakTest}
 * (Open Liberty) and {@code tomcat.TomcatRedeployLeakTest}. Stateless.
 */
public final class ServerJvm {
    private static final Pattern JDK_FEATURE = Pattern.compile("^JDK (\\d+)");

    private ServerJvm() {
    }

    /**
     * @param commandLinePart a text the server JVM's command line contains
     * @return the pid of the first JVM ({@code jcmd -l}) whose command line contains it
     * @throws IllegalStateException when there is none
     */
    public static long pidOf(String commandLinePart) throws Exception {
        for (String line : jcmd("-l")) {
            if (commandLinePart != null && line.contains(commandLinePart)) {
                return Long.parseLong(line.substring(0, line.indexOf(' ')));
            }
        }
        throw new IllegalStateException("no JVM whose command line contains '" + commandLinePart + "'");
    }

    /**
     * @return how many instances of classes named exactly {@code className} the JVM holds, summed over
     *     every class loader's copy, after the full collection that {@code GC.class_histogram} runs first
     */
    public static long instances(long pid, String className) throws Exception {
        long instances = 0;
        for (String line : jcmd(Long.toString(pid), "GC.class_histogram")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && columns[3].equals(className)) {
                instances += Long.parseLong(columns[1]);
            }
        }
        return instances;
    }

    /** Runs a full collection, then the pending finalizers. */
    public static void collect(long pid) throws Exception {
        jcmd(Long.toString(pid), "GC.run");
        jcmd(Long.toString(pid), "GC.run_finalization");
    }

    /** @return the header line of every live thread of the JVM ({@code Thread.print}), starting with its quoted name */
    public static List<String> liveThreads(long pid) throws Exception {
        return jcmd(Long.toString(pid), "Thread.print").stream().filter(l -> l.startsWith("\"")).toList();
    }

    /** @return the thread names of {@link #liveThreads(long)} header lines */
    public static List<String> names(List<String> headers) {
        return headers.stream().map(h -> h.substring(1, Math.max(1, h.indexOf('"', 1)))).toList();
    }

    /** @return the feature release of the JVM's Java, for example 17 */
    public static int javaFeature(long pid) throws Exception {
        for (String line : jcmd(Long.toString(pid), "VM.version")) {
            Matcher m = JDK_FEATURE.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IllegalStateException("no JDK version in jcmd VM.version");
    }

    /**
     * Dumps the JVM's live heap next to {@code dumpPath} (its name gets a time stamp) and returns
     * {@link StrongPaths#toLoadersOf} for {@code className}. The dump is deleted when no loader is strongly
     * held (nothing to investigate) and kept otherwise.
     *
     * @return per class loader that defined {@code className}, the strong path from a GC root (root first),
     *     empty when nothing holds it
     */
    public static Map<String, List<String>> strongPathsToLoadersOf(long pid, String className, String dumpPath)
            throws Exception {
        File dump = new File(dumpPath.replace(".hprof", "-" + System.currentTimeMillis() + ".hprof"));
        jcmd(Long.toString(pid), "GC.heap_dump", dump.getAbsolutePath());
        Map<String, List<String>> paths = new LinkedHashMap<>(StrongPaths.toLoadersOf(dump, className));
        if (paths.values().stream().allMatch(List::isEmpty)) {
            dump.delete();
        }
        return paths;
    }

    /**
     * Runs the test JVM's {@code jcmd} with these arguments.
     *
     * @return its output lines
     * @throws IllegalStateException when it fails or takes more than 60 s
     */
    public static List<String> jcmd(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + "/bin/jcmd");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", arguments) + " failed: " + lines);
        }
        return lines;
    }

    /**
     * Counts {@code className}'s instances until no more than {@code before} remain, or 60 s passed:
     * each round runs pending finalizers first (Liberty keeps each deployed application's info in an
     * object with a finalizer, which holds the application's class loader until it has run), then a
     * full GC ({@code GC.class_histogram} runs one).
     *
     * @return how many more instances than {@code before} remain
     */
    public static long settle(long pid, String className, long before) throws Exception {
        long extra = -1;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            collect(pid);
            extra = instances(pid, className) - before;
            if (extra == 0) {
                break;
            }
            Thread.sleep(2_000);
        }
        return extra;
    }
}
