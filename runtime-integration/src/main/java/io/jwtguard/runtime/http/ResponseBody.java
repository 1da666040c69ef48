package io.jwtguard.runtime.http;

import java.util.Arrays;
import java.util.Objects;

/**
 * A response body: its media type and its bytes. Immutable (the bytes are copied in and out).
 */
public final class ResponseBody {
    private final String contentType;
    private final byte[] content;

    private ResponseBody(String contentType, byte[] content) {
        this.contentType = contentType;
        this.content = content;
    }

    /**
     * @param contentType the {@code Content-Type}, for example {@code application/problem+json};
     *     not blank, without line breaks
     * @param content the bytes, not null, copied
     */
    public static ResponseBody of(String contentType, byte[] content) {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
        if (contentType.isBlank() || contentType.chars().anyMatch(c -> c < 0x20 || c > 0x7E)) {
            throw new IllegalArgumentException("the content type must be printable ASCII, not blank");
        }
        return new ResponseBody(contentType, content.clone());
    }

    /** @return the {@code Content-Type} */
    public String contentType() {
        return contentType;
    }

    /** @return a copy of the bytes */
    public byte[] content() {
        return content.clone();
    }

    /** @return the number of bytes */
    public int length() {
        return content.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResponseBody that && contentType.equals(that.contentType)
                && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return 31 * contentType.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return contentType + " (" + content.length + " bytes)";
    }
}
