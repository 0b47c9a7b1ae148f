package io.lear.verifier.jose;

/** Request-supplied identifiers are logged and echoed only in a bounded, printable form. */
public final class SafeText {
    private SafeText() {}

    public static String of(String s) {
        String printable = String.valueOf(s).replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 120 ? printable.substring(0, 120) + "..." : printable;
    }
}
