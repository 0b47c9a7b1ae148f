package io.lear.verifier.error;

/**
 * Makes any text safe as an {@code error_description}: at most {@value #MAX} characters of printable ASCII
 * of the set RFC 6749 §5.2 allows (%x20-21 / %x23-5B / %x5D-7E). Descriptions quote request parts (a parameter or
 * JSON member name), so attacker text must come back neither verbatim nor unbounded: a control or non-ASCII character
 * becomes {@code %NN} (or {@code %uNNNN}), the quote and the backslash, outside that set, become {@code '} and
 * {@code /}, and a longer text is cut to {@value #MAX} characters ending in {@code ...}.
 */
public final class Descriptions {
    public static final int MAX = 256;
    private static final String CUT = "...";

    private Descriptions() {}

    public static String bounded(String text) {
        String s = String.valueOf(text);
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX + 8));
        for (int i = 0; i < s.length() && out.length() <= MAX; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                out.append('\'');
            } else if (c == '\\') {
                out.append('/');
            } else if (c >= 0x20 && c <= 0x7E) {
                out.append(c);
            } else if (c < 0x100) {
                out.append(String.format("%%%02X", (int) c));
            } else {
                out.append(String.format("%%u%04X", (int) c));
            }
        }
        if (out.length() <= MAX) {
            return out.toString();
        }
        return out.substring(0, MAX - CUT.length()) + CUT;
    }
}
