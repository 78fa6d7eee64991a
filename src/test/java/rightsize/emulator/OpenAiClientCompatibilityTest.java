package rightsize.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rightsize.emulator.truth.RequestTruth;

/** The official OpenAI Java client reads the emulator's Azure-shaped answers. */
class OpenAiClientCompatibilityTest {
  private static EmulatorServer server;
  private static OpenAIClient client;
  private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

  @BeforeAll
  static void start() {
    server = EmulatorServer.start(EmulatorTestSupport.setup(EmulatorTestSupport.FAST), 0);
    client = OpenAIOkHttpClient.builder().baseUrl(server.uri() + "/v1").apiKey("not-checked").maxRetries(0).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  private static ChatCompletionCreateParams.Builder params(String requestId) {
    return ChatCompletionCreateParams.builder()
        .model("fast")
        .addUserMessage("How should I size a chat service?")
        .maxCompletionTokens(40)
        .putAdditionalHeader("x-ms-client-request-id", requestId);
  }

  @Test
  void streamingWithUsageParsesTextAndUsage() {
    StringBuilder text = new StringBuilder();
    List<CompletionUsage> usages = new ArrayList<>();
    List<String> finishReasons = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        params("openai-stream-1")
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build())) {
      stream.stream().forEach(chunk -> {
        chunk.usage().ifPresent(usages::add);
        for (ChatCompletionChunk.Choice choice : chunk.choices()) {
          choice.delta().content().ifPresent(text::append);
          choice.finishReason().ifPresent(r -> finishReasons.add(r.asString()));
        }
      });
    }
    assertThat(text).isNotEmpty();
    assertThat(usages).hasSize(1);
    CompletionUsage usage = usages.get(0);
    assertThat(usage.completionTokens()).isEqualTo(O200K.countTokens(text.toString()));
    assertThat(usage.completionTokens()).isBetween(10L, 20L); // a quarter to a half of max tokens
    assertThat(usage.promptTokens()).isGreaterThan(8);
    assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    assertThat(finishReasons).hasSize(1);
    RequestTruth truth = server.groundTruth().request("openai-stream-1").orElseThrow();
    assertThat(truth.sentCompletionTokens()).isEqualTo((int) usage.completionTokens());
    assertThat(truth.promptTokens()).isEqualTo((int) usage.promptTokens());
    assertThat(truth.route()).isEqualTo("openai");
  }

  @Test
  void nonStreamingParsesTextAndUsage() {
    ChatCompletion completion = client.chat().completions().create(params("openai-plain-1").build());
    String text = completion.choices().get(0).message().content().orElseThrow();
    CompletionUsage usage = completion.usage().orElseThrow();
    assertThat(text).isNotBlank();
    assertThat(usage.completionTokens()).isEqualTo(O200K.countTokens(text));
    assertThat(completion.model()).isEqualTo("rightsize-emulated-llm");
    RequestTruth truth = server.groundTruth().request("openai-plain-1").orElseThrow();
    assertThat(truth.stream()).isFalse();
    assertThat(truth.sentCompletionTokens()).isEqualTo((int) usage.completionTokens());
  }
}
