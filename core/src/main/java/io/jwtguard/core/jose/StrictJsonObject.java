package io.jwtguard.core.jose;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringWriter;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable JSON object as {@link StrictJson} builds it: member names and values in two
 * arrays, in document order. Small objects (the usual JOSE header or claims set) are searched
 * linearly; larger ones get a hash index. Equal to any other {@link JsonObject} (a
 * {@link Map}) with the same members.
 *
 * <p>Immutable and thread-safe; every mutator throws {@link UnsupportedOperationException}.
 */
final class StrictJsonObject extends AbstractMap<String, JsonValue> implements JsonObject {
    /** Objects with more members than this get a hash index. */
    static final int LINEAR_LIMIT = 16;
    static final StrictJsonObject EMPTY = new StrictJsonObject(new String[0], new JsonValue[0], 0);

    private final String[] names;
    /** Small objects: the names' hash codes, compared before {@code equals} (literal names cache theirs). */
    private final int[] hashes;
    private final JsonValue[] values;
    private final int size;
    /** Large objects: positions by name; null for small ones. */
    private final Map<String, Integer> index;

    /** Takes ownership of the arrays; names are distinct. */
    StrictJsonObject(String[] names, JsonValue[] values, int size) {
        this.names = names;
        this.values = values;
        this.size = size;
        if (size > LINEAR_LIMIT) {
            Map<String, Integer> positions = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                positions.put(names[i], i);
            }
            this.index = positions;
            this.hashes = null;
        } else {
            this.index = null;
            this.hashes = new int[size];
            for (int i = 0; i < size; i++) {
                hashes[i] = names[i].hashCode();
            }
        }
    }

    private int indexOf(Object name) {
        if (index != null) {
            Integer position = index.get(name);
            return position == null ? -1 : position;
        }
        if (!(name instanceof String)) {
            return -1;
        }
        int hash = name.hashCode();
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash && names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public JsonValue get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Set<Entry<String, JsonValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, JsonValue>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, JsonValue> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public JsonArray getJsonArray(String name) {
        return (JsonArray) get(name);
    }

    @Override
    public JsonObject getJsonObject(String name) {
        return (JsonObject) get(name);
    }

    @Override
    public JsonNumber getJsonNumber(String name) {
        return (JsonNumber) get(name);
    }

    @Override
    public JsonString getJsonString(String name) {
        return (JsonString) get(name);
    }

    @Override
    public String getString(String name) {
        return getJsonString(name).getString();
    }

    @Override
    public String getString(String name, String defaultValue) {
        JsonValue value = get(name);
        return value instanceof JsonString ? ((JsonString) value).getString() : defaultValue;
    }

    @Override
    public int getInt(String name) {
        return getJsonNumber(name).intValue();
    }

    @Override
    public int getInt(String name, int defaultValue) {
        JsonValue value = get(name);
        return value instanceof JsonNumber ? ((JsonNumber) value).intValue() : defaultValue;
    }

    @Override
    public boolean getBoolean(String name) {
        JsonValue value = get(name);
        if (value == null) {
            throw new NullPointerException("no member " + name);
        }
        if (value == JsonValue.TRUE) {
            return true;
        }
        if (value == JsonValue.FALSE) {
            return false;
        }
        throw new ClassCastException("member " + name + " is not a boolean");
    }

    @Override
    public boolean getBoolean(String name, boolean defaultValue) {
        JsonValue value = get(name);
        return value == JsonValue.TRUE || (value != JsonValue.FALSE && defaultValue);
    }

    @Override
    public boolean isNull(String name) {
        JsonValue value = get(name);
        if (value == null) {
            throw new NullPointerException("no member " + name);
        }
        return value == JsonValue.NULL;
    }

    @Override
    public ValueType getValueType() {
        return ValueType.OBJECT;
    }

    /** @return the object as JSON text */
    @Override
    public String toString() {
        StringWriter out = new StringWriter();
        StrictJson.PROVIDER.createWriter(out).writeObject(this);
        return out.toString();
    }
}
