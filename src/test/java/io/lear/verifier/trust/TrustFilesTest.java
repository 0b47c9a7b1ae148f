package io.lear.verifier.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lear.verifier.config.ConfigurationException;
import io.lear.verifier.testsupport.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local trust files: anchors PEM and the registered clients YAML. */
class TrustFilesTest {
    @TempDir
    Path dir;

    @Test
    void anchorsFileWithCertificatesIsLoaded() throws Exception {
        Path pem = dir.resolve("anchors.pem");
        Files.writeString(pem, TestPki.create("Files").anchorsPem());
        assertFalse(TrustAnchors.load(Optional.of(pem)).isEmpty());
    }

    @Test
    void noAnchorsFileMeansNoAnchors() {
        assertTrue(TrustAnchors.load(Optional.empty()).isEmpty());
    }

    @Test
    void anchorsFileThatIsMissingEmptyOrNotPemStopsStartUp() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        Path text = Files.writeString(
                dir.resolve("text.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        for (Path p : List.of(dir.resolve("missing.pem"), empty, text)) {
            String message = assertThrows(ConfigurationException.class, () -> TrustAnchors.load(Optional.of(p)))
                    .getMessage();
            assertTrue(message.startsWith("invalid configuration 'verifier.trust.anchors'"), message);
        }
    }

    @Test
    void registrationListsAndSingleStringsAreBothRead() {
        var clients = RegisteredClients.parse("clients:\n"
                + "  - clientId: a\n    authorizationGrantTypes: client_credentials\n    scopes: [machine, learcredential]\n"
                + "  - clientId: b\n    authorizationGrantTypes: [client_credentials]\n    scopes: machine\n"
                + "  - scopes: [orphan]\n");
        assertEquals(Set.of("a", "b"), clients.keySet());
        assertEquals(Set.of("client_credentials"), clients.get("a").grantTypes());
        assertEquals(Set.of("machine", "learcredential"), clients.get("a").scopes());
        assertEquals(Set.of("machine"), clients.get("b").scopes());
    }
}
