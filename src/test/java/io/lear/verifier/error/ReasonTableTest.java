package io.lear.verifier.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lear.verifier.testsupport.ProfileReasons;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The implementation's reasons are exactly the profile's §12 table, each with the table's error code, plus the one
 * extension the README documents: {@code not_found} for unknown paths (no token-endpoint check uses it).
 */
class ReasonTableTest {
    @Test
    void everyReasonHasTheErrorCodeOfTheProfileTable() {
        Map<String, String> implemented = Arrays.stream(Reason.values())
                .collect(Collectors.toMap(Reason::code, r -> r.error().code(), (a, b) -> a, TreeMap::new));
        Map<String, String> expected = new TreeMap<>(ProfileReasons.ERROR_OF);
        expected.put("not_found", "invalid_request");
        assertEquals(expected, implemented);
    }
}
