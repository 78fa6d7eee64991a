package rightsize.emulator.wire;

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
