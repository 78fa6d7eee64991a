package rightsize.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.ai.openai.OpenAIClient;
import com.azure.ai.openai.OpenAIClientBuilder;
import com.azure.ai.openai.OpenAIServiceVersion;
import com.azure.ai.openai.models.ChatChoice;
import com.azure.ai.openai.models.ChatCompletionStreamOptions;
import com.azure.ai.openai.models.ChatCompletions;
import com.azure.ai.openai.models.ChatCompletionsOptions;
import com.azure.ai.openai.models.ChatRequestUserMessage;
import com.azure.ai.openai.models.CompletionsUsage;
import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.rest.RequestOptions;
import com.azure.core.util.IterableStream;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rightsize.emulator.truth.RequestTruth;

/**
 * The Azure SDK's OpenAI client ({@code azure-ai-openai}) reads the emulator's Azure OpenAI answers
 * over HTTPS, trusting only the emulator's self-signed certificate; it refuses key credentials over
 * plain HTTP, so this is the only way it can be pointed at the emulator.
 */
class AzureSdkCompatibilityTest {
  private static final String KEY = "azure-sdk-test-key";
  private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  private static EmulatorServer server;

  @BeforeAll
  static void start() {
    server = EmulatorServer.startWithTls(EmulatorTestSupport.setup(EmulatorTestSupport.FAST).withApiKey(KEY), 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static OpenAIClient client(String key) {
    return client(server.httpsUri().toString(), key);
  }

  private static OpenAIClient client(String endpoint, String key) {
    HttpClient.Builder jdk = HttpClient.newBuilder().sslContext(server.certificate().orElseThrow().clientContext());
    return new OpenAIClientBuilder()
        .endpoint(endpoint)
        .credential(new AzureKeyCredential(key))
        .serviceVersion(OpenAIServiceVersion.V2024_10_01_PREVIEW)
        .httpClient(new JdkHttpClientBuilder(jdk).build())
        .retryOptions(new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(0)))
        .buildClient();
  }

  private static ChatCompletionsOptions options() {
    return new ChatCompletionsOptions(List.of(new ChatRequestUserMessage("How should I size a chat service?")))
        .setMaxTokens(40);
  }

  private static RequestOptions requestId(String id) {
    return new RequestOptions().setHeader(HttpHeaderName.X_MS_CLIENT_REQUEST_ID, id);
  }

  @Test
  void nonStreamingAnswerCarriesTextUsageAndFilterResults() {
    ChatCompletions completions = client(KEY)
        .getChatCompletionsWithResponse("fast", options(), requestId("azure-sdk-plain-1"))
        .getValue();
    String text = completions.getChoices().get(0).getMessage().getContent();
    CompletionsUsage usage = completions.getUsage();
    assertThat(text).isNotBlank();
    assertThat(usage.getCompletionTokens()).isEqualTo(O200K.countTokens(text)).isBetween(10, 20);
    assertThat(usage.getTotalTokens()).isEqualTo(usage.getPromptTokens() + usage.getCompletionTokens());
    assertThat(completions.getPromptFilterResults()).hasSize(1);
    assertThat(completions.getModel()).isEqualTo("rightsize-emulated-llm");
    RequestTruth truth = server.groundTruth().request("azure-sdk-plain-1").orElseThrow();
    assertThat(truth.route()).isEqualTo("azure-openai");
    assertThat(truth.stream()).isFalse();
    assertThat(truth.sentCompletionTokens()).isEqualTo(usage.getCompletionTokens());
    assertThat(truth.promptTokens()).isEqualTo(usage.getPromptTokens());
  }

  @Test
  void streamedAnswerParsesTextFinishAndUsage() {
    StringBuilder text = new StringBuilder();
    List<CompletionsUsage> usages = new ArrayList<>();
    List<String> finishReasons = new ArrayList<>();
    long before = server.groundTruth().count();
    IterableStream<ChatCompletions> stream = client(KEY)
        .getChatCompletionsStream("fast", options(), new ChatCompletionStreamOptions().setIncludeUsage(true));
    for (ChatCompletions chunk : stream) {
      if (chunk.getUsage() != null) {
        usages.add(chunk.getUsage());
      }
      for (ChatChoice choice : chunk.getChoices()) {
        if (choice.getDelta() != null && choice.getDelta().getContent() != null) {
          text.append(choice.getDelta().getContent());
        }
        if (choice.getFinishReason() != null) {
          finishReasons.add(choice.getFinishReason().toString());
        }
      }
    }
    assertThat(usages).hasSize(1);
    assertThat(usages.get(0).getCompletionTokens()).isEqualTo(O200K.countTokens(text.toString())).isBetween(10, 20);
    assertThat(finishReasons).hasSize(1).first().isIn("stop", "length");
    // This overload takes no request options: the request is the one that arrived during the call.
    List<RequestTruth> arrived = server.groundTruth().requestsSince(before, false);
    assertThat(arrived).hasSize(1);
    RequestTruth truth = arrived.get(0);
    assertThat(truth.stream()).isTrue();
    assertThat(truth.sentCompletionTokens()).isEqualTo(usages.get(0).getCompletionTokens());
  }

  @Test
  void unknownDeploymentIsResourceNotFoundWithAzuresErrorCode() {
    assertThatThrownBy(() -> client(KEY).getChatCompletions("no-such-deployment", options()))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("DeploymentNotFound")
        .satisfies(e -> assertThat(((ResourceNotFoundException) e).getResponse().getStatusCode()).isEqualTo(404));
  }

  @Test
  void wrongKeyIsAnAuthenticationFailure() {
    assertThatThrownBy(() -> client("wrong-key").getChatCompletions("fast", options()))
        .isInstanceOf(ClientAuthenticationException.class)
        .satisfies(e -> assertThat(((ClientAuthenticationException) e).getResponse().getStatusCode()).isEqualTo(401));
  }

  @Test
  void refusesTheKeyOverPlainHttpSoTlsIsNeeded() {
    long before = server.groundTruth().count();
    assertThatThrownBy(() -> client(server.uri().toString(), KEY).getChatCompletions("fast", options()))
        .hasMessageContaining("HTTPS");
    assertThat(server.groundTruth().count()).isEqualTo(before);
  }

  @Test
  void answersStillComeOverPlainHttpOnTheSamePort() throws Exception {
    var response = HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(server.uri().resolve("/_rightsize/health")).timeout(Duration.ofSeconds(5)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"ok\"");
  }
}
