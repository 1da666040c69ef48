package io.jwtguard.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OwnThreadsTest {
    @Test
    void stopWhenATaskIsRunningThenInterruptedAndTheThreadHasEndedOnReturn() throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        OwnThreads threads = new OwnThreads("own-threads-test");
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = threads.newThread(runnable);
            worker.set(thread);
            return thread;
        });
        CountDownLatch running = new CountDownLatch(1);
        executor.execute(() -> {
            running.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        running.await();

        assertThat(threads.stop(executor)).isTrue();

        assertThat(executor.isTerminated()).isTrue();
        assertThat(worker.get().isAlive()).isFalse();
    }

    @Test
    void newThreadThenDaemonWithTheName() {
        Thread thread = new OwnThreads("own").newThread(() -> { });
        assertThat(thread.getName()).isEqualTo("own");
        assertThat(thread.isDaemon()).isTrue();
    }

    @Test
    void stopWhenCallerIsInterruptedThenReturnsAndKeepsTheInterrupt() {
        OwnThreads threads = new OwnThreads("own-threads-test");
        ExecutorService executor = Executors.newSingleThreadExecutor(threads);
        executor.execute(() -> { });
        Thread.currentThread().interrupt();
        try {
            threads.stop(executor);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
