package io.lear.verifier.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialDatesTest {
    @Test
    void readsEveryFormDomeIssuersWrite() {
        assertEquals(
                Optional.of(Instant.parse("2024-11-08T09:23:55.974021770Z")),
                CredentialDates.parse("2024-11-08T09:23:55.974021770Z"));
        assertEquals(
                Optional.of(Instant.parse("2024-11-08T08:23:55Z")), CredentialDates.parse("2024-11-08T09:23:55+01:00"));
        assertEquals(
                Optional.of(Instant.parse("2024-05-13T05:20:33.612188797Z")),
                CredentialDates.parse("2024-05-13 05:20:33.612188797 +0000 UTC"));
        assertEquals(
                Optional.of(Instant.parse("2024-05-13T03:20:33Z")),
                CredentialDates.parse("2024-05-13 05:20:33 +0200 CEST"));
        assertEquals(Optional.empty(), CredentialDates.parse("next tuesday"));
        assertEquals(Optional.empty(), CredentialDates.parse("2024-05-13"));
    }

    @Test
    void jsonDepthDuplicatesAndNumbers() {
        assertEquals(java.util.Map.of("a", "[[[[[["), JsonText.parseObject("{\"a\":\"[[[[[[\"}", 2));
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> JsonText.parseObject("{\"a\":[[[1]]]}", 3));
        assertEquals(
                3, ((java.util.List<?>) JsonText.parseObject("{\"a\":[[1]]}", 3).get("a")).size() + 2);
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> JsonText.parseObject("{\"a\":1,\"a\":2}", 3));
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> JsonText.parseObject("[1]", 3));
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> JsonText.parseObject("{\"a\":", 3));
        java.util.Map<String, Object> m = JsonText.parseObject("{\"i\":1700000000,\"d\":1.5,\"b\":true,\"n\":null}", 3);
        assertEquals(1700000000L, m.get("i"));
        assertEquals(1.5, m.get("d"));
        assertEquals(Boolean.TRUE, m.get("b"));
        org.junit.jupiter.api.Assertions.assertTrue(m.containsKey("n"));
        assertEquals("{\"i\":1700000000,\"d\":1.5,\"b\":true,\"n\":null}", JsonText.write(m));
    }
}
