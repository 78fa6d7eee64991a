package rightsize.config;

import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Pattern;
import rightsize.secret.Secret;

/**
 * How one deployment authenticates.
 *
 * @param type the auth type
 * @param keyEnv the environment variable holding the key (api-key, bearer)
 * @param scope the Entra scope; empty means the kind's default
 * @param key the key read from {@code keyEnv}, or null when the type needs none (or secrets were not read)
 * @param allowCleartext whether a key or token may go over plain http to a host that is not loopback
 * @param signInTimeout how long an Entra sign-in may take before the run stops (entra)
 */
public record AuthSettings(AuthType type, String keyEnv, String scope, Secret key, boolean allowCleartext, Duration signInTimeout) {
  // What key-env may hold: an environment variable's name.
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  // The names a problem line shows. Another value could be the key itself, pasted in the wrong place.
  private static final Pattern CONVENTIONAL_NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,63}");

  /** Whether a problem line may show {@code keyEnv}: only a name such as AOAI_KEY, never what may be a key pasted in its place. */
  static boolean printable(String keyEnv) {
    return CONVENTIONAL_NAME.matcher(keyEnv).matches();
  }

  /** "environment variable NAME", or a mention that does not show it when it is not {@link #printable}. */
  static String variable(String keyEnv) {
    return printable(keyEnv) ? "environment variable " + keyEnv : "an environment variable (not shown: it may be the key itself)";
  }

  /** Reads a deployment's auth block; {@code env} is null when secrets are not to be read. */
  static AuthSettings read(Section s, TargetKind kind, Function<String, String> env) {
    AuthType type = s.choice("type", "an auth type", AuthType.class);
    String keyEnv = s.string("key-env");
    String scope = s.string("scope");
    Boolean allowCleartext = s.bool("allow-cleartext");
    Duration signInTimeout = s.duration("sign-in-timeout", false);
    if (kind == TargetKind.EMULATOR) {
      // The embedded emulator takes no credentials; a configured auth block is ignored.
      return new AuthSettings(AuthType.NONE, keyEnv, "", null, false, signInTimeout);
    }
    Secret key = null;
    if (type != null && type.usesKey()) {
      if (keyEnv == null || keyEnv.isEmpty()) {
        s.problem("key-env", "is missing", "name the environment variable that holds the key " + s.where("key-env"));
      } else if (!VARIABLE_NAME.matcher(keyEnv).matches()) {
        s.problem("key-env", "is not the name of an environment variable (it is not shown: it may be the key itself)",
            "put the key in an environment variable and set key-env to that variable's name " + s.where("key-env"));
      } else if (env != null) {
        String value = env.apply(keyEnv);
        if (value == null || value.isBlank()) {
          s.problem("key-env", "names " + variable(keyEnv) + ", which is not set",
              "export " + (printable(keyEnv) ? keyEnv : "it") + " with the key (auth.type = " + type.configName() + ")"
                  + (s.subject().isEmpty() ? "" : " " + s.subject()));
        } else {
          key = Secret.of(value.trim(), "env " + keyEnv);
        }
      }
    }
    if (type == AuthType.ENTRA && kind != null && kind.defaultEntraScope() == null && (scope == null || scope.isEmpty())) {
      s.problem("scope", "is missing", "set the Entra scope (e.g. api://<app-id>/.default) for kind " + kind.configName() + " " + s.where("scope"));
    }
    return new AuthSettings(type, keyEnv == null ? "" : keyEnv, scope == null ? "" : scope, key, Boolean.TRUE.equals(allowCleartext),
        signInTimeout);
  }
}
