package io.jwtguard.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Runs a schema script shipped on the class path: lines starting with {@code --} are comments,
 * statements end with a semicolon at the end of a line. Stateless.
 */
final class JdbcScripts {
    private JdbcScripts() {
    }

    /**
     * @param dataSource where to run it, not null
     * @param resource the script's class-path name, not null
     * @throws StoreUnavailableException if the database refuses a statement
     * @throws IllegalStateException if the script is missing
     */
    static void apply(DataSource dataSource, String resource) {
        String sql;
        try (InputStream in = JdbcScripts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        String withoutComments = Arrays.stream(sql.split("\n")).filter(l -> !l.strip().startsWith("--"))
                .collect(Collectors.joining("\n"));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String statement : withoutComments.split(";\\s*\n|;\\s*$")) {
                if (!statement.isBlank()) {
                    s.execute(statement.strip());
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot apply " + resource + " (SQLState " + e.getSQLState() + ")", e);
        }
    }
}
