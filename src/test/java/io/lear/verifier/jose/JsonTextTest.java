package io.lear.verifier.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lear.verifier.error.OAuthException;
import io.lear.verifier.error.Reason;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON numbers and dates at their limits, and writing nested values. */
class JsonTextTest {
    private static Claims claims(String json) {
        return new Claims(JsonText.parseObject(json, 32), Reason.VC_MALFORMED, "test");
    }

    @Test
    void numberOf64CharactersIsRead() {
        String n = "1" + "0".repeat(63);
        assertEquals(
                1e63, (Double) JsonText.parseObject("{\"n\":" + n + "}", 32).get("n"));
    }

    @Test
    void numberOf65CharactersIsRefused() {
        String n = "1" + "0".repeat(64);
        assertThrows(IllegalArgumentException.class, () -> JsonText.parseObject("{\"n\":" + n + "}", 32));
    }

    @Test
    void numericDateAtTheEpochAndAtTheLastSecondOf9999AreRead() {
        assertEquals(Instant.EPOCH, claims("{\"t\":0}").numericDate("t").orElseThrow());
        assertEquals(
                Instant.parse("9999-12-31T23:59:59Z"),
                claims("{\"t\":253402300799}").numericDate("t").orElseThrow());
    }

    @Test
    void numericDateBeforeTheEpochOrAfter9999IsMalformed() {
        assertEquals(
                Reason.VC_MALFORMED,
                assertThrows(OAuthException.class, () -> claims("{\"t\":-1}").numericDate("t"))
                        .reason());
        assertThrows(OAuthException.class, () -> claims("{\"t\":253402300800}").numericDate("t"));
    }

    @Test
    void nestedListsAndObjectsAreWrittenAsJson() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("b", List.of(1L, "x", true));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("a", List.of(inner, List.of(), List.of(List.of(2L))));
        outer.put("d", 1.5);
        assertEquals("{\"a\":[{\"b\":[1,\"x\",true]},[],[[2]]],\"d\":1.5}", JsonText.write(outer));
    }
}
