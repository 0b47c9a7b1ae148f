package io.lear.verifier.demo;

import io.lear.verifier.keys.SigningKeys;
import io.lear.verifier.testsupport.Scenario;
import io.lear.verifier.testsupport.TestPki;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Writes a self-contained demo trust environment (used by {@code mvn liberty:run}, the quickstart
 * client and the integration tests): a test root CA (the only anchor), an issuing CA, an RSA and an
 * EC issuer seal for {@code did:elsi:VATES-Q0000000J}, the trusted issuers list and a verifier key
 * set. Nothing here is a real identity; every key is generated on this machine.
 *
 * <p>Run as {@code DemoEnvironment <dir>}; an existing environment is kept.
 */
public final class DemoEnvironment {
    public final Path dir;

    public DemoEnvironment(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        DemoEnvironment env = new DemoEnvironment(Path.of(args.length > 0 ? args[0] : "target/demo"));
        env.createIfMissing();
    }

    public void createIfMissing() throws Exception {
        if (Files.exists(dir.resolve("issuers.json"))) {
            return;
        }
        Files.createDirectories(dir);
        TestPki pki = TestPki.create("LEAR Demo");
        write("anchors.pem", TestPki.pem(pki.root.certificate()));
        save("intermediate", pki.intermediate);
        save("issuer-rsa", pki.rsaIssuer(Scenario.ORG));
        save("issuer-ec", pki.ecIssuer(Scenario.ORG));
        write("keys.json", SigningKeys.generateJwks());
        // Written last: its presence marks a complete environment.
        write(
                "issuers.json",
                "{\"issuers\":[{\"id\":\"" + Scenario.ISSUER_DID
                        + "\",\"credentialTypes\":[\"LEARCredentialMachine\"]}]}\n");
    }

    private void save(String name, TestPki.Issued issued) throws Exception {
        write(name + ".pem", TestPki.pem(issued.certificate()));
        write(
                name + ".key",
                Base64.getEncoder().encodeToString(issued.privateKey().getEncoded()));
    }

    private void write(String name, String content) throws Exception {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** A certificate and key saved by {@link #createIfMissing}. */
    public TestPki.Issued load(String name) throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(dir.resolve(name + ".pem"))));
        byte[] der = Base64.getDecoder()
                .decode(Files.readString(dir.resolve(name + ".key")).trim());
        String alg = cert.getPublicKey().getAlgorithm();
        PrivateKey key = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
        return new TestPki.Issued(cert, key);
    }
}
