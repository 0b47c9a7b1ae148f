package io.lear.verifier.jose;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date forms real DOME credentials carry: RFC 3339 with up to nanoseconds, and the Go
 * {@code time.String()} form {@code 2024-05-13 05:20:33.612188797 +0000 UTC} of older issuers.
 */
final class CredentialDates {
    private static final Pattern GO_FORM = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?) ([+-])(\\d{2})(\\d{2})(?: [A-Z]{1,5})?");

    private CredentialDates() {}

    static Optional<Instant> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException e) {
            Matcher m = GO_FORM.matcher(value);
            if (!m.matches()) {
                return Optional.empty();
            }
            String iso = m.group(1) + "T" + m.group(2) + m.group(3) + m.group(4) + ":" + m.group(5);
            try {
                return Optional.of(OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant());
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
