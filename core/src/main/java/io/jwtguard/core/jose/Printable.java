package io.jwtguard.core.jose;

/**
 * Makes a value taken from a token fit for a log line: values in tokens are attacker-controlled,
 * so a rejection's diagnostic shows them quoted, with every character that could forge or hide log
 * content escaped ({@code \n}, {@code \r}, other control characters, Unicode line separators,
 * bidirectional overrides, lone or paired surrogates, {@code '} and {@code \}), and cut to
 * {@link #MAX_CHARS} characters with the original length named. Stateless, thread-safe.
 */
public final class Printable {
    /** The most characters of one value that a diagnostic shows (before escaping). */
    public static final int MAX_CHARS = 100;

    private Printable() {
    }

    /**
     * @param value a value from a token, may be null
     * @return the value in single quotes, escaped and bounded, or {@code (none)} for null; for
     *     example {@code 'https://idp\n/x'} or {@code 'aaaa…' (10240 chars)}
     */
    public static String quoted(String value) {
        if (value == null) {
            return "(none)";
        }
        int shown = Math.min(value.length(), MAX_CHARS);
        StringBuilder out = new StringBuilder(shown + 16).append('\'');
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '\\') {
                out.append('\\').append(c);
            } else if (needsEscape(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('\'');
        if (value.length() > shown) {
            out.append("… (").append(value.length()).append(" chars)");
        }
        return out.toString();
    }

    private static boolean needsEscape(char c) {
        return Character.isISOControl(c)              // C0, DEL, C1 (\n, \r, \t, ESC ...)
                || c == '\u2028' || c == '\u2029'     // line and paragraph separators
                || (c >= '\u202a' && c <= '\u202e')   // bidirectional embeddings and overrides
                || (c >= '\u2066' && c <= '\u2069')   // bidirectional isolates
                || c == '\u200e' || c == '\u200f' || c == '\u061c' || c == '\ufeff'
                || Character.isSurrogate(c);
    }
}
