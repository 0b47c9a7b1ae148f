package io.lear.verifier.credential;

/** Measures JSON nesting without parsing, so hostile documents are refused before any parser sees them. */
final class JsonDepth {
    private JsonDepth() {
    }

    static boolean within(String json, int maxDepth) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > maxDepth) {
                    return false;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return true;
    }
}
