package io.lear.verifier.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialDatesTest {
    @Test
    void readsEveryFormDomeIssuersWrite() {
        assertEquals(Optional.of(Instant.parse("2024-11-08T09:23:55.974021770Z")),
                CredentialDates.parse("2024-11-08T09:23:55.974021770Z"));
        assertEquals(Optional.of(Instant.parse("2024-11-08T08:23:55Z")), CredentialDates.parse("2024-11-08T09:23:55+01:00"));
        assertEquals(Optional.of(Instant.parse("2024-05-13T05:20:33.612188797Z")),
                CredentialDates.parse("2024-05-13 05:20:33.612188797 +0000 UTC"));
        assertEquals(Optional.of(Instant.parse("2024-05-13T03:20:33Z")), CredentialDates.parse("2024-05-13 05:20:33 +0200 CEST"));
        assertEquals(Optional.empty(), CredentialDates.parse("next tuesday"));
        assertEquals(Optional.empty(), CredentialDates.parse("2024-05-13"));
    }

    @Test
    void jsonDepthIsMeasuredOutsideStrings() {
        assertEquals(true, JsonDepth.within("{\"a\":\"[[[[[[\"}", 2));
        assertEquals(false, JsonDepth.within("[[[1]]]", 2));
        assertEquals(true, JsonDepth.within("[[1]]", 2));
    }
}
