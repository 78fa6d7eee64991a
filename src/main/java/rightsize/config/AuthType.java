package rightsize.config;

/** How requests prove who they are, by config name. */
public enum AuthType implements ConfigNamed {
  /** Header {@code api-key: <key>} (Azure OpenAI, Foundry). */
  API_KEY("api-key"),
  /** Header {@code Authorization: Bearer <key>} with a static key (AML endpoint key, OpenAI key). */
  BEARER("bearer"),
  /** Header {@code Authorization: Bearer <token>} with an Entra ID token from DefaultAzureCredential. */
  ENTRA("entra"),
  /** No auth header. */
  NONE("none");

  private final String configName;

  AuthType(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }

  /** True when the type needs a key from an environment variable. */
  public boolean usesKey() {
    return this == API_KEY || this == BEARER;
  }
}
