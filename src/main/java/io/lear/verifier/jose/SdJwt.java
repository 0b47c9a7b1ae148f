package io.lear.verifier.jose;

import io.lear.verifier.error.OAuthException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An SD-JWT (RFC 9901) as presented: {@code <issuer JWT>~<disclosure>~…~[<KB-JWT>]}, parsed but not yet trusted,
 * with its disclosures resolved into the payload they were issued for (RFC 9901 §7.1, profile §16.3). Digests are taken
 * over each disclosure exactly as sent, so no re-encoding can make a disclosure the issuer never signed match.
 * Nothing here is believed until the issuer JWT's signature has been verified by the caller; the key binding JWT, when
 * present, is only split off here and checked by the caller.
 */
public final class SdJwt {
    /** The only {@code _sd_alg} accepted (and the RFC's default when absent). */
    public static final String SHA_256 = "sha-256";

    private static final String SD = "_sd";
    private static final String SD_ALG = "_sd_alg";
    private static final String ELEMENT = "...";
    private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** A decoded disclosure: {@code name} is null for an array element ({@code [salt, value]}). */
    private record Disclosure(String name, Object value) {}

    private final CompactJws issuerJwt;
    private final Optional<String> keyBindingJwt;
    private final String withoutKeyBinding;
    private final Map<String, Object> disclosed;

    private SdJwt(
            CompactJws issuerJwt,
            Optional<String> keyBindingJwt,
            String withoutKeyBinding,
            Map<String, Object> disclosed) {
        this.issuerJwt = issuerJwt;
        this.keyBindingJwt = keyBindingJwt;
        this.withoutKeyBinding = withoutKeyBinding;
        this.disclosed = disclosed;
    }

    /** Whether a presented credential is in the SD-JWT form: a compact JWS never holds a {@code ~}. */
    public static boolean isSdJwt(String presented) {
        return presented != null && presented.indexOf('~') >= 0;
    }

    /** Parses {@code text} and resolves its disclosures under {@code policy}; any defect is a refusal of the policy. */
    public static SdJwt parse(String text, SdJwtPolicy policy) {
        if (text == null || text.isEmpty()) {
            throw bad(policy, "is empty");
        }
        if (text.length() > policy.maxChars()) {
            throw bad(policy, "exceeds " + policy.maxChars() + " characters");
        }
        if (!isSdJwt(text)) {
            throw bad(policy, "is not an SD-JWT ('~'-separated issuer JWT and disclosures)");
        }
        String[] parts = text.split("~", -1);
        int disclosureCount = parts.length - 2;
        if (disclosureCount > policy.maxDisclosures()) {
            throw bad(policy, "has more than " + policy.maxDisclosures() + " disclosures");
        }
        CompactJws issuerJwt =
                CompactJws.parse(parts[0], policy.malformed(), policy.what() + " issuer JWT", policy.maxChars());
        Map<String, Disclosure> byDigest = new HashMap<>();
        for (int i = 1; i <= disclosureCount; i++) {
            String d = parts[i];
            if (d.isEmpty() || d.length() > policy.maxDisclosureChars()) {
                throw bad(policy, "has an empty disclosure or one over " + policy.maxDisclosureChars() + " characters");
            }
            // The same disclosure sent twice would fill two places with one issuer statement.
            if (byDigest.put(digest(d), decode(d, policy)) != null) {
                throw bad(policy, "sends a disclosure twice");
            }
        }
        String last = parts[parts.length - 1];
        Optional<String> keyBinding = last.isEmpty() ? Optional.empty() : Optional.of(last);
        String withoutKeyBinding = text.substring(0, text.length() - last.length());
        Resolution r = new Resolution(policy, byDigest);
        @SuppressWarnings("unchecked")
        Map<String, Object> disclosed =
                (Map<String, Object>) r.resolve(issuerJwt.payload().raw(), 1);
        if (r.used.size() != byDigest.size()) {
            throw OAuthException.of(
                    policy.unreferenced(), policy.what() + " has a disclosure whose digest the issuer did not sign");
        }
        return new SdJwt(issuerJwt, keyBinding, withoutKeyBinding, disclosed);
    }

    /** The issuer-signed JWT; its payload still holds the digests, as signed. */
    public CompactJws issuerJwt() {
        return issuerJwt;
    }

    /** The payload with every disclosure in its place and {@code _sd}, {@code _sd_alg} and decoys removed. */
    public Map<String, Object> disclosed() {
        return disclosed;
    }

    /** The key binding JWT as sent, when the string did not end with {@code ~}. */
    public Optional<String> keyBindingJwt() {
        return keyBindingJwt;
    }

    /** RFC 9901 §4.3.1: base64url(SHA-256(everything before the KB-JWT, the final {@code ~} included)). */
    public String sdHash() {
        return digest(withoutKeyBinding);
    }

    /** base64url(SHA-256(the ASCII of {@code text})), the digest of a disclosure exactly as sent. */
    public static String digest(String text) {
        try {
            return URL_ENCODER.encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Disclosure decode(String disclosure, SdJwtPolicy policy) {
        List<Object> array;
        try {
            String json = new String(Base64.getUrlDecoder().decode(disclosure), StandardCharsets.UTF_8);
            array = JsonText.parseArray(json, policy.maxDepth());
        } catch (IllegalArgumentException e) {
            throw bad(policy, "has a disclosure that is not base64url of a JSON array");
        }
        if (array.size() < 2 || array.size() > 3 || !(array.get(0) instanceof String)) {
            throw bad(policy, "has a disclosure that is neither [salt, name, value] nor [salt, value]");
        }
        if (array.size() == 2) {
            return new Disclosure(null, array.get(1));
        }
        if (!(array.get(1) instanceof String name)) {
            throw bad(policy, "has a disclosure whose name is not a string");
        }
        if (name.equals(SD) || name.equals(ELEMENT)) {
            throw bad(policy, "has a disclosure named '_sd' or '...'");
        }
        return new Disclosure(name, array.get(2));
    }

    /** One walk over the payload, putting each disclosure where its digest is (RFC 9901 §7.1 steps 3-5). */
    private static final class Resolution {
        private final SdJwtPolicy policy;
        private final Map<String, Disclosure> byDigest;
        private final Set<String> seen = new HashSet<>();
        private final Set<String> used = new HashSet<>();

        Resolution(SdJwtPolicy policy, Map<String, Disclosure> byDigest) {
            this.policy = policy;
            this.byDigest = byDigest;
        }

        Object resolve(Object node, int depth) {
            if (depth > policy.maxDepth()) {
                throw bad(policy, "nests deeper than " + policy.maxDepth() + " once disclosed");
            }
            if (node instanceof Map<?, ?> map) {
                return resolveObject(map, depth);
            }
            if (node instanceof List<?> list) {
                return resolveArray(list, depth);
            }
            return node;
        }

        private Map<String, Object> resolveObject(Map<?, ?> map, int depth) {
            Object alg = map.get(SD_ALG);
            // EUDIStack puts _sd_alg beside the _sd it governs, RFC 9901 at the top: either place, one algorithm.
            if (map.containsKey(SD_ALG) && !SHA_256.equals(alg)) {
                throw bad(policy, "names an '_sd_alg' other than sha-256");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = (String) e.getKey();
                if (!name.equals(SD) && !name.equals(SD_ALG)) {
                    out.put(name, resolve(e.getValue(), depth + 1));
                }
            }
            if (!map.containsKey(SD)) {
                return out;
            }
            if (!(map.get(SD) instanceof List<?> digests)) {
                throw bad(policy, "has an '_sd' that is not an array");
            }
            for (Object d : digests) {
                if (!(d instanceof String digest)) {
                    throw bad(policy, "has an '_sd' holding a non-string");
                }
                Disclosure disclosure = claim(digest);
                if (disclosure == null) {
                    continue; // a decoy, or a claim the holder did not disclose
                }
                if (disclosure.name() == null) {
                    throw bad(policy, "has an array-element disclosure in an object's '_sd'");
                }
                if (out.containsKey(disclosure.name())) {
                    throw bad(policy, "discloses a claim the object already has");
                }
                out.put(disclosure.name(), resolve(disclosure.value(), depth + 1));
            }
            return out;
        }

        private List<Object> resolveArray(List<?> list, int depth) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                if (element instanceof Map<?, ?> m && m.size() == 1 && m.containsKey(ELEMENT)) {
                    if (!(m.get(ELEMENT) instanceof String digest)) {
                        throw bad(policy, "has an array element '...' that is not a digest");
                    }
                    Disclosure disclosure = claim(digest);
                    if (disclosure == null) {
                        continue; // a decoy element: removed
                    }
                    if (disclosure.name() != null) {
                        throw bad(policy, "has an object-property disclosure in an array element");
                    }
                    out.add(resolve(disclosure.value(), depth + 1));
                } else {
                    out.add(resolve(element, depth + 1));
                }
            }
            return out;
        }

        /** The disclosure of a digest met in the payload, or null; a digest may occur once in the whole payload. */
        private Disclosure claim(String digest) {
            if (!seen.add(digest)) {
                throw bad(policy, "uses a digest twice");
            }
            Disclosure d = byDigest.get(digest);
            if (d != null) {
                used.add(digest);
            }
            return d;
        }
    }

    private static OAuthException bad(SdJwtPolicy policy, String problem) {
        return OAuthException.of(policy.malformed(), policy.what() + " " + problem);
    }
}
