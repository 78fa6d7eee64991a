package rightsize.config;

import rightsize.secret.Secret;

/**
 * How one deployment authenticates.
 *
 * @param type the auth type
 * @param keyEnv the environment variable holding the key (api-key, bearer)
 * @param scope the Entra scope; empty means the kind's default
 * @param key the key read from {@code keyEnv}, or null when the type needs none
 */
public record AuthSettings(AuthType type, String keyEnv, String scope, Secret key) {}
