package io.lear.verifier.jose;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, defensive reads of a JSON object: a member of the wrong type is a refusal with the
 * owner's {@code malformed} reason, never a ClassCastException.
 */
public final class Claims {
    private final Map<String, Object> map;
    private final Reason malformed;
    private final String what;

    public Claims(Map<String, Object> map, Reason malformed, String what) {
        this.map = map;
        this.malformed = malformed;
        this.what = what;
    }

    public Map<String, Object> raw() {
        return map;
    }

    public boolean has(String name) {
        return map.containsKey(name) && map.get(name) != null;
    }

    public Optional<String> string(String name) {
        Object v = map.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw bad("'" + name + "' is not a string");
        }
        return Optional.of(s);
    }

    /** A string or an array of strings (as {@code aud} may be); empty when absent. */
    public List<String> stringOrList(String name) {
        Object v = map.get(name);
        if (v == null) {
            return Collections.emptyList();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        return stringList(name);
    }

    public List<String> stringList(String name) {
        Object v = map.get(name);
        if (v == null) {
            return Collections.emptyList();
        }
        if (!(v instanceof List<?> list)) {
            throw bad("'" + name + "' is not an array");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw bad("'" + name + "' has a non-string element");
            }
            out.add(s);
        }
        return out;
    }

    /** A NumericDate (RFC 7519 §2): a JSON number of seconds; fractions are truncated. */
    public Optional<Instant> numericDate(String name) {
        Object v = map.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Number n)) {
            throw bad("'" + name + "' is not a number");
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || d < 0 || d > 253_402_300_799d) {
            throw bad("'" + name + "' is out of range");
        }
        return Optional.of(Instant.ofEpochSecond(n.longValue()));
    }

    @SuppressWarnings("unchecked")
    public Optional<Claims> object(String name) {
        Object v = map.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw bad("'" + name + "' is not an object");
        }
        return Optional.of(new Claims((Map<String, Object>) m, malformed, what));
    }

    public OAuthException bad(String problem) {
        return OAuthException.of(malformed, what + ": " + problem);
    }
}
