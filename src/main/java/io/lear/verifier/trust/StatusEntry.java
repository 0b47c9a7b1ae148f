package io.lear.verifier.trust;

import java.util.Optional;

/** A credential's {@code credentialStatus} entry; the index is kept as a number whatever its JSON type. */
public record StatusEntry(
        String type,
        Optional<String> purpose,
        Optional<Long> index,
        Optional<String> listCredential,
        Optional<String> id) {}
