package io.jwtguard.runtime.guard;

import io.jwtguard.runtime.http.Refusal;
import io.jwtguard.runtime.http.RefusalBodyWriter;
import io.jwtguard.runtime.http.ResponseBody;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a {@link RefusalBodyWriter} so that its failure never changes a refusal: an exception or a
 * null answer gives no body, and is logged at most once a minute (the class of the exception only,
 * since an application's message could hold request data). Thread-safe.
 */
final class GuardedBodyWriter implements RefusalBodyWriter {
    private static final System.Logger LOG = System.getLogger(GuardedBodyWriter.class.getName());
    private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

    private final RefusalBodyWriter delegate;
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

    GuardedBodyWriter(RefusalBodyWriter delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<ResponseBody> bodyFor(Refusal refusal) {
        try {
            Optional<ResponseBody> body = delegate.bodyFor(refusal);
            if (body != null) {
                return body;
            }
            logFailure("returned null instead of Optional.empty()");
        } catch (RuntimeException | LinkageError e) {
            logFailure("threw " + e.getClass().getName());
        }
        return Optional.empty();
    }

    private void logFailure(String what) {
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, now)) {
            LOG.log(System.Logger.Level.WARNING, "The refusal body writer " + delegate.getClass().getName() + " "
                    + what + "; refusals are answered without a body (logged at most once a minute)");
        }
    }
}
