package io.lear.verifier.jose;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON to and from plain maps and lists, on the request path, with the streaming JSON-P parser
 * (Parsson; Liberty's {@code jsonp-2.1} feature provides it). It reads documents with a nesting
 * limit enforced while parsing, refuses duplicate member names, and gives integral numbers as
 * {@link Long} and others as {@link Double} (the shapes jose4j also uses).
 */
public final class JsonText {
    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(Map.of());
    private static final JsonGeneratorFactory GENERATORS = PROVIDER.createGeneratorFactory(Map.of());

    private JsonText() {}

    /**
     * Parses a JSON object.
     *
     * @throws IllegalArgumentException with a short reason when {@code json} is not an object within
     *     {@code maxDepth} levels, or repeats a member name
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String json, int maxDepth) {
        Object root = parseContainer(json, maxDepth);
        if (!(root instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (Map<String, Object>) root;
    }

    /**
     * Parses a JSON array (an SD-JWT disclosure), with the same limits as {@link #parseObject}.
     *
     * @throws IllegalArgumentException with a short reason when {@code json} is not an array within {@code maxDepth}
     *     levels, or repeats a member name
     */
    @SuppressWarnings("unchecked")
    public static List<Object> parseArray(String json, int maxDepth) {
        Object root = parseContainer(json, maxDepth);
        if (!(root instanceof List<?>)) {
            throw new IllegalArgumentException("not a JSON array");
        }
        return (List<Object>) root;
    }

    private static Object parseContainer(String json, int maxDepth) {
        Deque<Object> stack = new ArrayDeque<>();
        Deque<String> keys = new ArrayDeque<>();
        Object root = null;
        String key = null;
        try (JsonParser p = PARSERS.createParser(new StringReader(json))) {
            while (p.hasNext()) {
                JsonParser.Event e = p.next();
                Object value;
                switch (e) {
                    case KEY_NAME -> {
                        key = p.getString();
                        continue;
                    }
                    case START_OBJECT, START_ARRAY -> {
                        if (stack.size() >= maxDepth) {
                            throw new IllegalArgumentException("JSON nests deeper than " + maxDepth);
                        }
                        Object container = e == JsonParser.Event.START_OBJECT
                                ? new LinkedHashMap<String, Object>()
                                : new ArrayList<>();
                        if (stack.isEmpty()) {
                            root = container;
                        } else {
                            add(stack.peek(), key, container);
                        }
                        keys.push(key == null ? "" : key);
                        stack.push(container);
                        key = null;
                        continue;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        stack.pop();
                        keys.pop();
                        continue;
                    }
                    case VALUE_STRING -> value = p.getString();
                    case VALUE_NUMBER -> value = number(p);
                    case VALUE_TRUE -> value = Boolean.TRUE;
                    case VALUE_FALSE -> value = Boolean.FALSE;
                    default -> value = null;
                }
                if (stack.isEmpty()) {
                    throw new IllegalArgumentException("not a JSON object or array");
                }
                add(stack.peek(), key, value);
                key = null;
            }
        } catch (jakarta.json.JsonException
                | java.util.NoSuchElementException
                | UnsupportedOperationException
                | ArithmeticException
                | NumberFormatException
                | IllegalStateException e) {
            // Parsson signals some limits (number length, big scales) with unchecked exceptions of its own choosing.
            throw new IllegalArgumentException("not valid JSON");
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void add(Object container, String key, Object value) {
        if (container instanceof Map<?, ?> m) {
            Map<String, Object> map = (Map<String, Object>) m;
            if (map.containsKey(key)) {
                throw new IllegalArgumentException("JSON member '" + key + "' is repeated");
            }
            map.put(key, value);
        } else {
            ((List<Object>) container).add(value);
        }
    }

    /** Longest number text read: a long has 19 digits, a double's exact decimal form is never needed. */
    static final int MAX_NUMBER_CHARS = 64;

    /**
     * Reads a number from its text, so no parser limit on digits or exponents can surface as an
     * unchecked exception: integral values that fit a long as {@link Long}, others as {@link Double};
     * a number beyond the double range is malformed.
     */
    private static Object number(JsonParser p) {
        String text = p.getString();
        if (text.length() > MAX_NUMBER_CHARS) {
            throw new IllegalArgumentException("JSON number longer than " + MAX_NUMBER_CHARS + " characters");
        }
        if (p.isIntegralNumber()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                // Integral but beyond a long: fall through to its double value.
            }
        }
        double d;
        try {
            d = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a JSON number");
        }
        if (Double.isInfinite(d)) {
            // RFC 8259 §6: beyond IEEE 754 double range, numbers do not interoperate.
            throw new IllegalArgumentException("JSON number out of range");
        }
        return d;
    }

    /** Writes maps, lists, strings, numbers, booleans and nulls as JSON. */
    public static String write(Map<String, ?> object) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = GENERATORS.createGenerator(out)) {
            writeObject(g, null, object);
        }
        return out.toString();
    }

    private static void writeObject(JsonGenerator g, String name, Map<?, ?> map) {
        if (name == null) {
            g.writeStartObject();
        } else {
            g.writeStartObject(name);
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            writeMember(g, String.valueOf(e.getKey()), e.getValue());
        }
        g.writeEnd();
    }

    private static void writeMember(JsonGenerator g, String name, Object v) {
        if (v == null) {
            g.writeNull(name);
        } else if (v instanceof String s) {
            g.write(name, s);
        } else if (v instanceof jakarta.json.JsonValue j) {
            g.write(name, j);
        } else if (v instanceof Boolean b) {
            g.write(name, b);
        } else if (v instanceof Long || v instanceof Integer) {
            g.write(name, ((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.write(name, n.doubleValue());
        } else if (v instanceof Map<?, ?> m) {
            writeObject(g, name, m);
        } else if (v instanceof List<?> l) {
            g.writeStartArray(name);
            for (Object o : l) {
                writeValue(g, o);
            }
            g.writeEnd();
        } else {
            g.write(name, String.valueOf(v));
        }
    }

    private static void writeValue(JsonGenerator g, Object v) {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.write(s);
        } else if (v instanceof jakarta.json.JsonValue j) {
            g.write(j);
        } else if (v instanceof Boolean b) {
            g.write(b);
        } else if (v instanceof Long || v instanceof Integer) {
            g.write(((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.write(n.doubleValue());
        } else if (v instanceof Map<?, ?> m) {
            writeObject(g, null, m);
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                writeValue(g, o);
            }
            g.writeEnd();
        } else {
            g.write(String.valueOf(v));
        }
    }
}
