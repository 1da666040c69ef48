package io.jwtguard.benchmarks.reliability;

import com.sun.tools.attach.VirtualMachine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads a local server's JVM and its JWT Guard statistics MXBeans
 * ({@code io.jwtguard:type=Guard,application=<context root>}) over the Attach API and JMX, for the
 * reliability scripts ({@code benchmarks/reliability/run-soak.sh}, {@code run-redeploy.sh}). Attaches
 * to a JVM of the same user on this machine, starts its local (not remote) management agent, reads,
 * and leaves. Prints one tab-separated line; with {@code --header} first the header line. Counts only:
 * the MXBean exposes no token or key.
 *
 * <p>Usage: {@code GuardProbe --pid PID [--gc] [--application /orders] [--header]}. {@code --gc} runs
 * a full GC first ({@code MemoryMXBean.gc()}, as {@code jcmd PID GC.run}), so that the heap figure is
 * the live set. Columns: {@code heap_used_kb threads guards cache_size replay_entries revocation_entries
 * refresh_entries refusals unavailable}, where {@code guards} is the number of registered Guard
 * MXBeans (one per deployed application that uses JWT Guard) and the last six are those of
 * {@code --application} (-1 when it is not registered, or the part is not observable).
 */
public final class GuardProbe {
    static final String HEADER = "heap_used_kb\tthreads\tguards\tcache_size\treplay_entries\trevocation_entries"
            + "\trefresh_entries\trefusals\tunavailable";
    private static final String[] ATTRIBUTES = {"VerifiedTokenCacheSize", "ReplayCacheEntries", "RevocationEntries",
        "RefreshTokenEntries", "Refusals", "Unavailable"};

    private GuardProbe() {
    }

    public static void main(String[] args) throws Exception {
        String pid = null;
        String application = "/orders";
        boolean gc = false;
        boolean header = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pid" -> pid = args[++i];
                case "--application" -> application = args[++i];
                case "--gc" -> gc = true;
                case "--header" -> header = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (--pid PID [--gc] [--application /orders] [--header])");
            }
        }
        if (pid == null) {
            throw new IllegalArgumentException("--pid is required");
        }
        if (header) {
            System.out.println(HEADER);
        }
        VirtualMachine vm = VirtualMachine.attach(pid);
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            System.out.println(read(connector.getMBeanServerConnection(), application, gc));
        }
    }

    static String read(MBeanServerConnection server, String application, boolean gc) throws Exception {
        MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
        ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME,
                ThreadMXBean.class);
        if (gc) {
            memory.gc();
        }
        List<String> values = new ArrayList<>();
        values.add(Long.toString(memory.getHeapMemoryUsage().getUsed() / 1024));
        values.add(Integer.toString(threads.getThreadCount()));
        Set<ObjectName> guards = new TreeSet<>(server.queryNames(new ObjectName("io.jwtguard:type=Guard,*"), null));
        values.add(Integer.toString(guards.size()));
        ObjectName mine = new ObjectName("io.jwtguard:type=Guard,application=" + ObjectName.quote(application));
        boolean registered = guards.contains(mine);
        for (String attribute : ATTRIBUTES) {
            values.add(registered ? String.valueOf(server.getAttribute(mine, attribute)) : "-1");
        }
        return String.join("\t", values);
    }
}
