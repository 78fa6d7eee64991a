package rightsize.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of chat-completion endpoint the suite can drive, by their config name. */
public enum TargetKind {
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

  private final String wireName;
  private final String entraScope;

  TargetKind(String wireName, String entraScope) {
    this.wireName = wireName;
    this.entraScope = entraScope;
  }

  /** The name used in config and records. */
  public String wireName() {
    return wireName;
  }

  /** The Entra ID scope tokens for this kind are requested for, or null when the kind has none. */
  public String defaultEntraScope() {
    return entraScope;
  }

  /** True for the Azure OpenAI and Foundry kinds, whose URLs serve only OpenAI chat completions. */
  public boolean speaksOnlyOpenAi() {
    return this == AZURE_OPENAI || this == AZURE_OPENAI_V1 || this == FOUNDRY_MODELS;
  }

  /** Parses a config name; null when unknown. */
  public static TargetKind fromWireName(String name) {
    for (TargetKind k : values()) {
      if (k.wireName.equals(name)) {
        return k;
      }
    }
    return null;
  }

  /** All config names, comma-separated, for error messages. */
  public static String wireNames() {
    return Arrays.stream(values()).map(TargetKind::wireName).collect(Collectors.joining(", "));
  }

  private static final class Scopes {
    static final String COGNITIVE_SERVICES = "https://cognitiveservices.azure.com/.default";
    static final String AZURE_ML = "https://ml.azure.com/.default";
  }
}
