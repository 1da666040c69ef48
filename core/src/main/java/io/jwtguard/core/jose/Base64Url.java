package io.jwtguard.core.jose;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strict base64url (RFC 4648, section 5) as JOSE requires it (RFC 7515, section 2): the URL-safe
 * alphabet only, no padding, no whitespace, and no set bits in the unused trailing bits. Exactly
 * one encoding decodes to a given byte string, so no segment has two spellings. (An ECDSA
 * signature still has two valid values, hence two spellings of its token: see
 * {@link EcdsaSignatures}.)
 *
 * <p>Stateless and thread-safe.
 */
public final class Base64Url {
    private static final char[] ENCODE =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    /** Sextet values indexed by an unsigned byte: -1 (all bits set) for every byte outside the alphabet. */
    private static final int[] DECODE_BYTE = new int[256];

    static {
        Arrays.fill(DECODE_BYTE, -1);
        for (int i = 0; i < ENCODE.length; i++) {
            DECODE_BYTE[ENCODE[i]] = i;
        }
    }

    private Base64Url() {
    }

    /**
     * Decodes {@code text[from, to)}.
     *
     * @return the decoded bytes, never null
     * @throws IllegalArgumentException if the range is not canonical unpadded base64url
     */
    public static byte[] decode(CharSequence text, int from, int to) {
        // one byte per character: every character above U+00FF becomes '?', which is not base64url
        return decode(text.toString().getBytes(StandardCharsets.ISO_8859_1), from, to);
    }

    /**
     * Decodes {@code ascii[from, to)}: the same rules as {@link #decode(CharSequence, int, int)}
     * over the bytes of text already encoded one byte per character (any byte outside the
     * alphabet, including every byte above 127, is refused).
     *
     * @return the decoded bytes, never null
     * @throws IllegalArgumentException if the range is not canonical unpadded base64url
     */
    public static byte[] decode(byte[] ascii, int from, int to) {
        int length = to - from;
        int remainder = length & 3;
        if (remainder == 1) {
            throw new IllegalArgumentException("base64url length " + length + " is impossible");
        }
        byte[] out = new byte[(length / 4) * 3 + (remainder == 0 ? 0 : remainder - 1)];
        int o = 0;
        int i = from;
        int fullEnd = to - remainder;
        while (i < fullEnd) {
            int bits = DECODE_BYTE[ascii[i] & 0xFF] << 18 | DECODE_BYTE[ascii[i + 1] & 0xFF] << 12
                    | DECODE_BYTE[ascii[i + 2] & 0xFF] << 6 | DECODE_BYTE[ascii[i + 3] & 0xFF];
            if (bits < 0) { // any -1 sets the sign bit; valid sextets fill only the low 24 bits
                throw notBase64(ascii, i);
            }
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
            i += 4;
        }
        if (remainder == 2) {
            int a = sextet(ascii, i);
            int b = sextet(ascii, i + 1);
            if ((b & 0x0F) != 0) {
                throw new IllegalArgumentException("base64url has non-zero trailing bits");
            }
            out[o] = (byte) (a << 2 | b >> 4);
        } else if (remainder == 3) {
            int a = sextet(ascii, i);
            int b = sextet(ascii, i + 1);
            int c = sextet(ascii, i + 2);
            if ((c & 0x03) != 0) {
                throw new IllegalArgumentException("base64url has non-zero trailing bits");
            }
            out[o++] = (byte) (a << 2 | b >> 4);
            out[o] = (byte) (b << 4 | c >> 2);
        }
        return out;
    }

    private static IllegalArgumentException notBase64(byte[] ascii, int from) {
        int offset = from;
        while (DECODE_BYTE[ascii[offset] & 0xFF] >= 0) {
            offset++;
        }
        return new IllegalArgumentException("character at offset " + offset + " is not base64url");
    }

    private static int sextet(byte[] ascii, int index) {
        int value = DECODE_BYTE[ascii[index] & 0xFF];
        if (value < 0) {
            throw new IllegalArgumentException("character at offset " + index + " is not base64url");
        }
        return value;
    }

    /** Decodes a whole string; see {@link #decode(CharSequence, int, int)}. */
    public static byte[] decode(CharSequence text) {
        return decode(text, 0, text.length());
    }

    /** @return the canonical unpadded base64url encoding of {@code bytes}, never null */
    public static String encode(byte[] bytes) {
        StringBuilder sb = new StringBuilder((bytes.length * 4 + 2) / 3);
        int i = 0;
        for (; i + 2 < bytes.length; i += 3) {
            int bits = (bytes[i] & 0xFF) << 16 | (bytes[i + 1] & 0xFF) << 8 | (bytes[i + 2] & 0xFF);
            sb.append(ENCODE[bits >> 18 & 63]).append(ENCODE[bits >> 12 & 63])
                    .append(ENCODE[bits >> 6 & 63]).append(ENCODE[bits & 63]);
        }
        int left = bytes.length - i;
        if (left == 1) {
            int bits = (bytes[i] & 0xFF) << 16;
            sb.append(ENCODE[bits >> 18 & 63]).append(ENCODE[bits >> 12 & 63]);
        } else if (left == 2) {
            int bits = (bytes[i] & 0xFF) << 16 | (bytes[i + 1] & 0xFF) << 8;
            sb.append(ENCODE[bits >> 18 & 63]).append(ENCODE[bits >> 12 & 63]).append(ENCODE[bits >> 6 & 63]);
        }
        return sb.toString();
    }
}
