package io.jwtguard.core.keys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The factory of the daemon threads a key source owns, which remembers them so that {@link #stop} can wait
 * until they have ended. A container checks for an application's threads right after the application has
 * stopped (Apache Tomcat warns "appears to have started a thread named [jwtguard-jwks-refresh] but has failed
 * to stop it"), so closing must not return while one of our threads still runs: interrupt, then wait a bounded
 * time. An executor's termination alone is not enough: its last worker signals it just before its thread ends.
 *
 * <p>Threads are remembered weakly (ended ones are forgotten). Thread-safe.
 */
final class OwnThreads implements ThreadFactory {
    /** How long {@link #stop} waits at most: an interrupted fetch ends at once. */
    static final Duration WAIT = Duration.ofSeconds(5);

    private final String name;
    private final Set<Thread> threads = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    /**
     * @param name the threads' name, not null. They keep the context class loader of the thread that makes
     *     them (Java's default): JSON-P finds its provider through it
     */
    OwnThreads(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public Thread newThread(Runnable runnable) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    }

    /**
     * Interrupts the executor's tasks, rejects new ones, and waits up to {@link #WAIT} in all for the executor to
     * terminate and every thread made here to end. When the calling thread is interrupted, stops waiting and
     * keeps the interrupt.
     *
     * @param executor an executor whose threads come from this factory, not null
     * @return whether every thread made here has ended
     */
    boolean stop(ExecutorService executor) {
        executor.shutdownNow();
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            executor.awaitTermination(WAIT.toNanos(), TimeUnit.NANOSECONDS);
            List<Thread> made;
            synchronized (threads) {
                made = new ArrayList<>(threads);
            }
            for (Thread thread : made) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (threads) {
            return threads.stream().noneMatch(Thread::isAlive);
        }
    }
}
