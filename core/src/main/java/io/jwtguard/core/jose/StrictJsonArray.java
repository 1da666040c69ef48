package io.jwtguard.core.jose;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringWriter;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable JSON array as {@link StrictJson} builds it. Equal to any other
 * {@link JsonArray} (a {@link List}) with the same elements.
 *
 * <p>Immutable and thread-safe; every mutator throws {@link UnsupportedOperationException}.
 */
final class StrictJsonArray extends AbstractList<JsonValue> implements JsonArray, RandomAccess {
    static final StrictJsonArray EMPTY = new StrictJsonArray(new JsonValue[0], 0);

    private final JsonValue[] elements;
    private final int size;

    /** Takes ownership of the array. */
    StrictJsonArray(JsonValue[] elements, int size) {
        this.elements = elements;
        this.size = size;
    }

    @Override
    public JsonValue get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return elements[index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public JsonObject getJsonObject(int index) {
        return (JsonObject) get(index);
    }

    @Override
    public JsonArray getJsonArray(int index) {
        return (JsonArray) get(index);
    }

    @Override
    public JsonNumber getJsonNumber(int index) {
        return (JsonNumber) get(index);
    }

    @Override
    public JsonString getJsonString(int index) {
        return (JsonString) get(index);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends JsonValue> List<T> getValuesAs(Class<T> type) {
        return (List<T>) this;
    }

    @Override
    public String getString(int index) {
        return getJsonString(index).getString();
    }

    @Override
    public String getString(int index, String defaultValue) {
        JsonValue value = index >= 0 && index < size ? elements[index] : null;
        return value instanceof JsonString ? ((JsonString) value).getString() : defaultValue;
    }

    @Override
    public int getInt(int index) {
        return getJsonNumber(index).intValue();
    }

    @Override
    public int getInt(int index, int defaultValue) {
        JsonValue value = index >= 0 && index < size ? elements[index] : null;
        return value instanceof JsonNumber ? ((JsonNumber) value).intValue() : defaultValue;
    }

    @Override
    public boolean getBoolean(int index) {
        JsonValue value = get(index);
        if (value == JsonValue.TRUE) {
            return true;
        }
        if (value == JsonValue.FALSE) {
            return false;
        }
        throw new ClassCastException("element " + index + " is not a boolean");
    }

    @Override
    public boolean getBoolean(int index, boolean defaultValue) {
        JsonValue value = index >= 0 && index < size ? elements[index] : null;
        return value == JsonValue.TRUE || (value != JsonValue.FALSE && defaultValue);
    }

    @Override
    public boolean isNull(int index) {
        return get(index) == JsonValue.NULL;
    }

    @Override
    public ValueType getValueType() {
        return ValueType.ARRAY;
    }

    /** @return the array as JSON text */
    @Override
    public String toString() {
        StringWriter out = new StringWriter();
        StrictJson.PROVIDER.createWriter(out).writeArray(this);
        return out.toString();
    }
}
