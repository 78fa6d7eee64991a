package rightsize.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How requests prove who they are, by config name. */
public enum AuthType {
  /** Header {@code api-key: <key>} (Azure OpenAI, Foundry). */
  API_KEY("api-key"),
  /** Header {@code Authorization: Bearer <key>} with a static key (AML endpoint key, OpenAI key). */
  BEARER("bearer"),
  /** Header {@code Authorization: Bearer <token>} with an Entra ID token from DefaultAzureCredential. */
  ENTRA("entra"),
  /** No auth header. */
  NONE("none");

  private final String wireName;

  AuthType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** True when the type needs a key from an environment variable. */
  public boolean usesKey() {
    return this == API_KEY || this == BEARER;
  }

  /** Parses a config name; null when unknown. */
  public static AuthType fromWireName(String name) {
    for (AuthType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    return null;
  }

  /** All config names, for error messages. */
  public static String wireNames() {
    return Arrays.stream(values()).map(AuthType::wireName).collect(Collectors.joining(", "));
  }
}
