package io.lear.verifier.config;

/** Bad configuration: stops start-up with a message that names the key. */
public final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String key, String problem) {
        super("invalid configuration '" + key + "': " + problem);
    }

    public ConfigurationException(String key, String problem, Throwable cause) {
        super("invalid configuration '" + key + "': " + problem, cause);
    }
}
