package it.io.lear.verifier.portability;

import io.lear.verifier.testsupport.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The unmodified WAR on Payara Micro 6 and WildFly 39 (MicroProfile configuration), and the runnable Liberty jar,
 * each started here on 127.0.0.1 and stopped after the smoke test. Run by {@code mvn -Pportability verify}, which
 * downloads the servers from Maven Central into {@code target/servers}.
 */
class PortabilityIT {
    private static final Path WAR =
            Path.of(System.getProperty("it.war", "target/lear-verifier.war")).toAbsolutePath();
    private static final Path DEMO =
            Path.of(System.getProperty("it.env.dir", "target/demo")).toAbsolutePath();
    private static final Path WORK = Path.of("target", "portability").toAbsolutePath();

    /**
     * The verifier's settings, as MicroProfile Config system properties (every server reads those). {@code http.port}
     * completes the sample API's JWKS location ({@code microprofile-config.properties}).
     */
    private static List<String> verifierSettings(int port, String typ) {
        return List.of(
                "-Dverifier.issuer=http://127.0.0.1:" + port,
                "-Dhttp.port=" + port,
                "-Dverifier.keys=" + DEMO.resolve("keys.json"),
                "-Dverifier.trust.anchors=" + DEMO.resolve("anchors.pem"),
                "-Dverifier.trust.issuers=" + DEMO.resolve("issuers.json"),
                "-Dverifier.token.typ=" + typ);
    }

    @Test
    void payaraMicro() throws Exception {
        Path dir = WORK.resolve("payara");
        ServerProcess.deleteTree(dir);
        Files.createDirectories(dir);
        // Payara Micro has no option for the HTTP listener's address; a pre-boot command sets it.
        Path preboot = Files.writeString(
                dir.resolve("preboot.asadmin"),
                "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1\n");
        int port = ServerProcess.freePort();
        List<String> cmd = new ArrayList<>(List.of(ServerProcess.java(), "-Xmx384m"));
        // Payara's MP-JWT refuses typ at+jwt ("typ must be 'JWT'").
        cmd.addAll(verifierSettings(port, "JWT"));
        cmd.addAll(List.of(
                "-jar",
                Path.of(System.getProperty("portability.payara", "target/servers/payara-micro.jar"))
                        .toAbsolutePath()
                        .toString(),
                "--nocluster",
                "--nohazelcast",
                "--rootdir",
                dir.resolve("root").toString(),
                "--port",
                String.valueOf(port),
                "--prebootcommandfile",
                preboot.toString(),
                "--deploy",
                WAR.toString(),
                "--contextroot",
                "/"));
        String base = "http://127.0.0.1:" + port;
        try (ServerProcess server = ServerProcess.start(cmd, Map.of(), dir, dir.resolve("server.log"))) {
            server.awaitOk(base + "/.well-known/oauth-authorization-server");
            server.awaitOk(base + "/health/ready");
            Smoke.run(base, base + "/health/ready", base + "/metrics");
            Smoke.assertQuiet(server.console());
        }
    }

    @Test
    void wildFly() throws Exception {
        Path home = Path.of(System.getProperty("portability.wildfly", "target/servers/wildfly"))
                .toAbsolutePath();
        Path base = WORK.resolve("wildfly");
        copyTree(home.resolve("standalone"), base);
        Files.copy(WAR, base.resolve("deployments").resolve("lear-verifier.war"));
        int port = ServerProcess.freePort();
        int management = ServerProcess.freePort();
        // Through bash: an unpacked zip need not keep the script's execute bit.
        List<String> cmd = new ArrayList<>(List.of(
                "bash",
                home.resolve("bin/standalone.sh").toString(),
                "-c",
                "standalone-microprofile.xml",
                "-Djboss.server.base.dir=" + base,
                "-Djboss.bind.address=127.0.0.1",
                "-Djboss.bind.address.management=127.0.0.1",
                "-Djboss.http.port=" + port,
                "-Djboss.https.port=" + ServerProcess.freePort(),
                "-Djboss.management.http.port=" + management,
                "-Djboss.management.https.port=" + ServerProcess.freePort()));
        cmd.addAll(verifierSettings(port, "at+jwt"));
        Map<String, String> env = Map.of(
                "JAVA_HOME",
                System.getProperty("java.home"),
                "LAUNCH_JBOSS_IN_BACKGROUND",
                "1",
                "JAVA_OPTS",
                "-Xmx384m");
        String app = "http://127.0.0.1:" + port;
        String ready = "http://127.0.0.1:" + management + "/health/ready";
        try (ServerProcess server = ServerProcess.start(cmd, env, base, base.resolve("server.log"))) {
            server.awaitOk(app + "/.well-known/oauth-authorization-server");
            server.awaitOk(ready);
            Smoke.run(app, ready, null);
            Smoke.assertQuiet(server.console());
        }
    }

    @Test
    void openLibertyRunnableJar() throws Exception {
        Path dir = WORK.resolve("liberty");
        ServerProcess.deleteTree(dir);
        Files.createDirectories(dir);
        int port = ServerProcess.freePort();
        Map<String, String> env = Map.of(
                "HTTP_PORT",
                String.valueOf(port),
                "WLP_JAR_EXTRACT_DIR",
                dir.resolve("extract").toString(),
                "VERIFIER_ISSUER",
                "http://127.0.0.1:" + port,
                "VERIFIER_KEYS",
                DEMO.resolve("keys.json").toString(),
                "VERIFIER_TRUST_ANCHORS",
                DEMO.resolve("anchors.pem").toString(),
                "VERIFIER_TRUST_ISSUERS",
                DEMO.resolve("issuers.json").toString());
        List<String> cmd = List.of(
                ServerProcess.java(),
                "-Xmx256m",
                "-jar",
                Path.of(System.getProperty("it.jar", "target/lear-verifier.jar"))
                        .toAbsolutePath()
                        .toString());
        String base = "http://127.0.0.1:" + port;
        try (ServerProcess server = ServerProcess.start(cmd, env, dir, dir.resolve("server.log"))) {
            server.awaitOk(base + "/.well-known/oauth-authorization-server");
            server.awaitOk(base + "/health/ready");
            Smoke.run(base, base + "/health/ready", base + "/metrics");
            Smoke.assertQuiet(server.console());
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        ServerProcess.deleteTree(to);
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
