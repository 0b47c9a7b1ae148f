package io.lear.verifier.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.error.YAMLException;

/** Trust documents are untrusted input: bounded size, YAML without tricks. */
class TrustDocumentsTest {
    @TempDir
    Path dir;

    private final Fetcher fetcher = new Fetcher(Duration.ofSeconds(1), false);

    @Test
    void localFileOfExactlyTheLimitIsRead() throws Exception {
        Path f = dir.resolve("max.json");
        Files.writeString(f, "x".repeat(Fetcher.MAX_BYTES));
        assertEquals(
                Fetcher.MAX_BYTES,
                TrustDocuments.text(f.toString(), fetcher, "*/*").load().length());
    }

    @Test
    void localFileOverTheLimitIsRefused() throws Exception {
        Path f = dir.resolve("big.json");
        Files.writeString(f, "x".repeat(Fetcher.MAX_BYTES + 1));
        assertThrows(
                IOException.class,
                () -> TrustDocuments.text(f.toString(), fetcher, "*/*").load());
    }

    @Test
    void yamlWithADuplicateKeyIsRefused() {
        assertThrows(YAMLException.class, () -> TrustDocuments.yaml("a: 1\na: 2\n"));
    }

    @Test
    void yamlWithMoreThanTenAliasesIsRefused() {
        // 20 aliases: under SnakeYAML's default of 50, over the bound of 10 that stops alias bombs early.
        String refs = String.join(", ", java.util.Collections.nCopies(10, "*a"));
        assertThrows(
                YAMLException.class, () -> TrustDocuments.yaml("a: &a [x]\nb: [" + refs + "]\nc: [" + refs + "]\n"));
    }

    @Test
    void yamlWithTenAliasesIsRead() {
        String refs = String.join(", ", java.util.Collections.nCopies(10, "*a"));
        assertEquals(
                10,
                ((List<?>) TrustDocuments.yaml("a: &a [x]\nb: [" + refs + "]\n").get("b")).size());
    }

    @Test
    void yamlNestedBeyond32LevelsIsRefused() {
        assertThrows(YAMLException.class, () -> TrustDocuments.yaml("a: " + "[".repeat(40) + "]".repeat(40)));
    }

    @Test
    void yamlNested30LevelsIsRead() {
        assertEquals(
                List.of(),
                unwrap(
                        TrustDocuments.yaml("a: " + "[".repeat(30) + "]".repeat(30))
                                .get("a"),
                        29));
    }

    @Test
    void yamlLongerThanTheLimitIsRefused() {
        assertThrows(YAMLException.class, () -> TrustDocuments.yaml("a: " + "x".repeat(Fetcher.MAX_BYTES + 10)));
    }

    @Test
    void yamlThatIsNotAMappingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TrustDocuments.yaml("- a\n- b\n"));
    }

    @Test
    void plainMappingIsRead() {
        assertEquals(Map.of("clients", List.of("a")), TrustDocuments.yaml("clients:\n  - a\n"));
    }

    private static Object unwrap(Object o, int levels) {
        for (int i = 0; i < levels; i++) {
            o = ((List<?>) o).get(0);
        }
        return o;
    }
}
