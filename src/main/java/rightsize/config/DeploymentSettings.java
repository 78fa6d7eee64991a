package rightsize.config;

import com.typesafe.config.Config;
import java.util.Map;

/**
 * One deployment to size, merged over {@code deployment-defaults}.
 *
 * @param name unique name used in reports and records
 * @param kind which endpoint kind it is
 * @param endpoint base URL (empty for the emulator)
 * @param deployment deployment name (Azure OpenAI, AML) or model name (v1, Foundry, OpenAI-compatible)
 * @param apiVersion api-version query parameter (azure-openai)
 * @param maxTokensParam the body field carrying the token limit (max_tokens, or max_completion_tokens for reasoning models)
 * @param vmSize VM size label, empty when not applicable
 * @param instanceCount instances serving the deployment
 * @param auth how requests authenticate
 * @param headers extra headers sent with every request
 * @param config the whole merged entry, for settings other packages own ({@code pricing}, {@code emulator})
 */
public record DeploymentSettings(
    String name,
    TargetKind kind,
    String endpoint,
    String deployment,
    String apiVersion,
    String maxTokensParam,
    String vmSize,
    int instanceCount,
    AuthSettings auth,
    Map<String, String> headers,
    Config config) {

  /** True when {@code filter} (a name or VM size, "Standard_" optional) selects this deployment. */
  public boolean matches(String filter) {
    String f = filter.trim();
    return f.equalsIgnoreCase(name)
        || (!vmSize.isEmpty() && (f.equalsIgnoreCase(vmSize) || ("Standard_" + f).equalsIgnoreCase(vmSize)));
  }

  @Override
  public String toString() {
    return "DeploymentSettings[" + name + ", " + kind.wireName() + ", " + deployment + "]";
  }
}
