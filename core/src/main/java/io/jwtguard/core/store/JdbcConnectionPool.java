package io.jwtguard.core.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A small, bounded pool of JDBC connections from {@link DriverManager}, for applications that
 * configure the store with a JDBC URL instead of a container-managed {@link DataSource}. At most
 * {@code maxSize} connections are open; a caller waits at most {@code borrowTimeout} for one and
 * then gets an {@link SQLException} (which the store reports as unavailable: fail closed).
 * Closing a borrowed connection returns it; a connection that failed validation is discarded.
 *
 * <p>Thread-safe. The password is kept only inside the {@link Properties} handed to the driver
 * and never appears in {@link #toString()} or messages.
 */
public final class JdbcConnectionPool implements DataSource, AutoCloseable {
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;
    /** A connection returned more recently than this is handed out without a validation round trip. */
    private static final long TRUSTED_IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private record Idle(Connection connection, long returnedAt) {
    }

    private final String url;
    private final Properties credentials;
    private final Semaphore permits;
    private final Duration borrowTimeout;
    /** Idle connections with the {@link System#nanoTime()} of their return (only used to skip re-validation). */
    private final Deque<Idle> idle = new ArrayDeque<>();
    private volatile boolean closed;

    /**
     * @param url the JDBC URL, not null
     * @param user the user, or null
     * @param password the password, or null; never logged
     * @param maxSize the most connections open at once, at least 1
     * @param borrowTimeout how long a caller waits for a free connection
     */
    public JdbcConnectionPool(String url, String user, String password, int maxSize, Duration borrowTimeout) {
        this.url = Objects.requireNonNull(url, "url");
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1");
        }
        this.credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        this.permits = new Semaphore(maxSize, true);
        this.borrowTimeout = Objects.requireNonNull(borrowTimeout, "borrowTimeout");
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLException("the connection pool is closed", "08003");
        }
        try {
            if (!permits.tryAcquire(borrowTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SQLException("no free connection within " + borrowTimeout, "08001");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", "08001", e);
        }
        try {
            Connection physical = takeIdle();
            if (physical == null) {
                physical = DriverManager.getConnection(url, credentials);
            }
            return wrap(physical);
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private Connection takeIdle() {
        while (true) {
            Idle entry;
            synchronized (idle) {
                entry = idle.pollFirst();
            }
            if (entry == null) {
                return null;
            }
            Connection candidate = entry.connection();
            try {
                if (System.nanoTime() - entry.returnedAt() < TRUSTED_IDLE_NANOS
                        || candidate.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                    return candidate;
                }
            } catch (SQLException e) {
                // discard below
            }
            closeQuietly(candidate);
        }
    }

    private Connection wrap(Connection physical) {
        boolean[] returned = {false};
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("close")) {
                synchronized (returned) {
                    if (!returned[0]) {
                        returned[0] = true;
                        giveBack(physical);
                    }
                }
                return null;
            }
            if (name.equals("isClosed")) {
                return returned[0] || physical.isClosed();
            }
            if (returned[0]) {
                throw new SQLException("connection already returned to the pool", "08003");
            }
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(JdbcConnectionPool.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    private void giveBack(Connection physical) {
        try {
            boolean usable = !closed && !physical.isClosed();
            if (usable && !physical.getAutoCommit()) {
                physical.rollback(); // never hand on an open transaction
            }
            if (usable) {
                synchronized (idle) {
                    idle.addFirst(new Idle(physical, System.nanoTime()));
                }
            } else {
                closeQuietly(physical);
            }
        } catch (SQLException e) {
            closeQuietly(physical);
        } finally {
            permits.release();
        }
    }

    /** Closes idle connections and refuses further borrowing; borrowed ones close when returned. */
    @Override
    public void close() {
        closed = true;
        synchronized (idle) {
            idle.forEach(entry -> closeQuietly(entry.connection()));
            idle.clear();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing to do
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's credentials are fixed");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the borrow timeout bounds waiting
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        int q = url.indexOf('?');
        return "JdbcConnectionPool[" + (q < 0 ? url : url.substring(0, q)) + "]"; // query may hold credentials
    }
}
