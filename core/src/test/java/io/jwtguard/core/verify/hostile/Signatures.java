package io.jwtguard.core.verify.hostile;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/** Byte-level helpers for building malformed signatures. */
final class Signatures {
    private Signatures() {
    }

    /** {@code value} as an unsigned big-endian number exactly {@code size} bytes wide. */
    static byte[] fixed(BigInteger value, int size) {
        byte[] raw = value.toByteArray();
        if (raw.length > size) {
            if (raw.length == size + 1 && raw[0] == 0) {
                return Arrays.copyOfRange(raw, 1, raw.length);
            }
            throw new IllegalArgumentException("does not fit in " + size + " bytes");
        }
        byte[] out = new byte[size];
        System.arraycopy(raw, 0, out, size - raw.length, raw.length);
        return out;
    }

    /** R || S from two numbers, each {@code size} bytes wide. */
    static byte[] p1363(BigInteger r, BigInteger s, int size) {
        byte[] out = new byte[2 * size];
        System.arraycopy(fixed(r, size), 0, out, 0, size);
        System.arraycopy(fixed(s, size), 0, out, size, size);
        return out;
    }

    /** The ASN.1 DER form {@code SEQUENCE { INTEGER r, INTEGER s }} of an R || S signature. */
    static byte[] p1363ToDer(byte[] p1363) {
        int size = p1363.length / 2;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < 2; i++) {
            byte[] integer = new BigInteger(1, p1363, i * size, size).toByteArray();
            body.write(0x02);
            writeLength(body, integer.length);
            body.writeBytes(integer);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** The R || S form of a DER ECDSA signature, or null if {@code der} is not one. */
    static byte[] derToP1363(byte[] der, int size) {
        try {
            int[] pos = {0};
            if (der[pos[0]++] != 0x30) {
                return null;
            }
            int total = readLength(der, pos);
            if (pos[0] + total != der.length) {
                return null;
            }
            BigInteger[] rs = new BigInteger[2];
            for (int i = 0; i < 2; i++) {
                if (der[pos[0]++] != 0x02) {
                    return null;
                }
                int length = readLength(der, pos);
                rs[i] = new BigInteger(1, der, pos[0], length);
                pos[0] += length;
            }
            return p1363(rs[0], rs[1], size);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length >= 128) {
            out.write(0x81);
        }
        out.write(length);
    }

    private static int readLength(byte[] der, int[] pos) {
        int first = der[pos[0]++] & 0xFF;
        return first == 0x81 ? der[pos[0]++] & 0xFF : first;
    }
}
