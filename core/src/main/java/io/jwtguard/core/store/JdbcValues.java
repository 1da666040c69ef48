package io.jwtguard.core.store;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How {@link JdbcTokenStore} writes and reads values: parameters bound by type, instants as epoch
 * milliseconds (SQL NULL for none), scopes space-separated, string sets as JSON arrays. Stateless.
 */
final class JdbcValues {
    private JdbcValues() {
    }

    static void bind(PreparedStatement s, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object p = parameters[i];
            if (p instanceof Long) {
                s.setLong(i + 1, (Long) p);
            } else {
                s.setString(i + 1, (String) p);
            }
        }
    }

    static void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value.toEpochMilli());
        }
    }

    static Instant instant(ResultSet r, int column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    static Set<String> scope(String value) {
        return value.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(value.split(" ")));
    }

    static String toJson(Set<String> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(array::add);
        return array.build().toString();
    }

    static Set<String> fromJson(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            JsonArray array = reader.readArray();
            Set<String> values = new LinkedHashSet<>();
            for (JsonValue v : array) {
                values.add(((JsonString) v).getString());
            }
            return values;
        }
    }
}
