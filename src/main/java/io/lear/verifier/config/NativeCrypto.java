package io.lear.verifier.config;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.security.Security;
import java.util.logging.Logger;

/**
 * Puts the native AWS-LC provider (Amazon Corretto Crypto Provider) first in the JCA provider list,
 * so that jose4j's signature checks and signing run natively. When the native library cannot load
 * (another OS or CPU, a sandbox) or is switched off, the JDK's providers stay in charge and a log
 * line says so; nothing else changes.
 */
public final class NativeCrypto {
    private static final Logger LOG = Logger.getLogger(NativeCrypto.class.getName());

    private NativeCrypto() {}

    /**
     * @param wanted {@code verifier.crypto.provider}: {@code native} (default) or {@code jdk}
     * @return the name of the provider that now serves signatures
     */
    public static synchronized String install(String wanted) {
        if ("jdk".equals(wanted)) {
            LOG.info("crypto provider: JDK (verifier.crypto.provider=jdk)");
            return "JDK";
        }
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable error = accp.getLoadingError();
            if (error != null) {
                LOG.warning("crypto provider: JDK (native provider unavailable: "
                        + error.getClass().getSimpleName() + ")");
                return "JDK";
            }
            Provider present = Security.getProvider(accp.getName());
            if (present == null) {
                Security.insertProviderAt(accp, 1);
            }
            accp.assertHealthy();
            LOG.info("crypto provider: " + accp.getName() + " " + accp.getVersionStr() + " (native AWS-LC)");
            return accp.getName();
        } catch (LinkageError | RuntimeException e) {
            LOG.warning("crypto provider: JDK (native provider failed: "
                    + e.getClass().getSimpleName() + ")");
            return "JDK";
        }
    }

    /** The provider {@link #install} chose, for the readiness report. */
    public record Active(String name) {}
}
