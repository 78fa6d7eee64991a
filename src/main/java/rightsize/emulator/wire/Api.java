package rightsize.emulator.wire;

import java.util.Set;

/** The API shapes the emulator answers, and how each names its deployment. */
enum Api {
  /** POST /openai/deployments/{deployment}/chat/completions?api-version=... */
  AZURE_OPENAI("azure-openai"),
  /** POST /openai/v1/chat/completions, deployment in the body's model. */
  AZURE_OPENAI_V1("azure-openai-v1"),
  /** POST /v1/chat/completions, deployment in the body's model. */
  OPENAI("openai"),
  /** POST /models/chat/completions, deployment in the body's model. */
  FOUNDRY("foundry"),
  /** POST /score, deployment in the azureml-model-deployment header. */
  AML("aml");

  final String wireName;

  Api(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The dated Azure OpenAI data-plane versions Azure answers (the GA and preview versions of
   * azure-ai-openai's OpenAIServiceVersion and Azure's API lifecycle page as of 2026): any other,
   * or none, is 404 "Resource not found" there.
   */
  static final Set<String> AZURE_OPENAI_VERSIONS = Set.of(
      "2022-12-01", "2023-05-15", "2024-02-01", "2024-06-01", "2024-10-21",
      "2023-03-15-preview", "2023-06-01-preview", "2023-07-01-preview", "2023-08-01-preview", "2023-09-01-preview",
      "2023-10-01-preview", "2023-12-01-preview", "2024-02-15-preview", "2024-03-01-preview", "2024-04-01-preview",
      "2024-05-01-preview", "2024-07-01-preview", "2024-08-01-preview", "2024-09-01-preview", "2024-10-01-preview",
      "2024-12-01-preview", "2025-01-01-preview", "2025-02-01-preview", "2025-03-01-preview", "2025-04-01-preview");

  /**
   * Whether Azure serves this API at {@code apiVersion} (null: the query has none): the dated
   * route only at a known version, Foundry's only with one; the others take none.
   */
  boolean accepts(String apiVersion) {
    return switch (this) {
      case AZURE_OPENAI -> apiVersion != null && AZURE_OPENAI_VERSIONS.contains(apiVersion);
      case FOUNDRY -> apiVersion != null && !apiVersion.isBlank();
      default -> true;
    };
  }

  private static final String DEPLOYMENTS = "/openai/deployments/";
  private static final String CHAT = "/chat/completions";

  /** The API of a POST to {@code path} (query removed), or null for an unknown path. */
  static Api of(String path) {
    return switch (path) {
      case "/openai/v1/chat/completions" -> AZURE_OPENAI_V1;
      case "/v1/chat/completions" -> OPENAI;
      case "/models/chat/completions" -> FOUNDRY;
      case "/score" -> AML;
      default -> deploymentInPath(path) != null ? AZURE_OPENAI : null;
    };
  }

  /** The {deployment} of an Azure OpenAI dated path, or null. */
  static String deploymentInPath(String path) {
    if (path.startsWith(DEPLOYMENTS) && path.endsWith(CHAT)) {
      String d = path.substring(DEPLOYMENTS.length(), path.length() - CHAT.length());
      if (!d.isEmpty() && d.indexOf('/') < 0) {
        return java.net.URLDecoder.decode(d, java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
