package rightsize.config;

/** The kinds of chat-completion endpoint the suite can drive, by their config name. */
public enum TargetKind implements ConfigNamed {
  /** Azure OpenAI dated API: {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=. */
  AZURE_OPENAI("azure-openai", Scopes.COGNITIVE_SERVICES),
  /** Azure OpenAI v1 API: {endpoint}/openai/v1/chat/completions, the body's model names the deployment. */
  AZURE_OPENAI_V1("azure-openai-v1", Scopes.COGNITIVE_SERVICES),
  /** Azure AI Foundry model inference: {endpoint}/models/chat/completions, body model. */
  FOUNDRY_MODELS("foundry-models", Scopes.COGNITIVE_SERVICES),
  /** Azure ML managed online endpoint: {endpoint}/score with header azureml-model-deployment. */
  AML_ONLINE_ENDPOINT("aml-online-endpoint", Scopes.AZURE_ML),
  /** Any OpenAI-compatible server (vLLM, llama.cpp, Ollama): {endpoint}/v1/chat/completions, body model. */
  OPENAI_COMPATIBLE("openai-compatible", null),
  /** The embedded emulator, served as an Azure ML online endpoint on loopback, without auth. */
  EMULATOR("emulator", null);

  private final String configName;
  private final String entraScope;

  TargetKind(String configName, String entraScope) {
    this.configName = configName;
    this.entraScope = entraScope;
  }

  /** The name used in config and records. */
  @Override
  public String configName() {
    return configName;
  }

  /** The Entra ID scope tokens for this kind are requested for, or null when the kind has none. */
  public String defaultEntraScope() {
    return entraScope;
  }

  /** True for the Azure OpenAI and Foundry kinds, whose URLs serve only OpenAI chat completions. */
  public boolean speaksOnlyOpenAi() {
    return this == AZURE_OPENAI || this == AZURE_OPENAI_V1 || this == FOUNDRY_MODELS;
  }

  private static final class Scopes {
    static final String COGNITIVE_SERVICES = "https://cognitiveservices.azure.com/.default";
    static final String AZURE_ML = "https://ml.azure.com/.default";
  }
}
