package io.jwtguard.tck.hostile;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/** Byte- and text-level helpers for building hostile tokens: JSON strings, DER, base64url quirks. */
final class TokenBytes {
    private TokenBytes() {
    }

    static String firstKey(String jwks) {
        int start = jwks.indexOf('{', 1);
        int depth = 0;
        for (int i = start; i < jwks.length(); i++) {
            char c = jwks.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0) {
                return jwks.substring(start, i + 1);
            }
        }
        throw new IllegalArgumentException("no key");
    }

    /** @return {@code segment} with its last character changed so the unused bits are not zero, or null if none are unused */
    static String withTrailingBits(String segment) {
        int unusedBits = (segment.length() % 4) == 2 ? 4 : (segment.length() % 4) == 3 ? 2 : 0;
        if (unusedBits == 0) {
            return null;
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int value = alphabet.indexOf(segment.charAt(segment.length() - 1));
        return segment.substring(0, segment.length() - 1) + alphabet.charAt(value | 1);
    }

    static byte[] fixed(BigInteger value, int width) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[width];
        int copy = Math.min(raw.length, width);
        System.arraycopy(raw, raw.length - copy, out, width - copy, copy);
        return out;
    }

    /** ASN.1 DER SEQUENCE { INTEGER r, INTEGER s } of an R||S signature. */
    static byte[] der(byte[] rs) {
        int half = rs.length / 2;
        byte[] r = new BigInteger(1, Arrays.copyOfRange(rs, 0, half)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(rs, half, rs.length)).toByteArray();
        int body = 2 + r.length + 2 + s.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        if (body > 127) {
            out.write(0x81);
        }
        out.write(body);
        out.write(0x02);
        out.write(r.length);
        out.writeBytes(r);
        out.write(0x02);
        out.write(s.length);
        out.writeBytes(s);
        return out.toByteArray();
    }

    static String str(String value) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
