package rightsize.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import rightsize.chat.ChatOutcome;
import rightsize.chat.ChatResponseReader;
import rightsize.emulator.settings.EmulatorSetup;
import rightsize.emulator.truth.ChunkTruth;
import rightsize.emulator.truth.RequestTruth;

/**
 * The suite's own response reader, fed as bytes arrive, agrees with the emulator's ground truth: it
 * picks the same first content event (not the prompt-filter or role-only events sent a prefill
 * earlier), sees every content chunk, and its clock readings match the emulator's send times.
 */
class SuiteReaderAgreementTest {

  @Test
  void theSuitesReaderSeesWhatTheEmulatorSentWhenItSentIt() throws Exception {
    // 1,000 prompt tokens/s: a ~250-token prompt takes ~250 ms to prefill, so taking the
    // prompt-filter or role event for the first token would be off by far more than the tolerance.
    EmulatorSetup settings = EmulatorTestSupport.setup("""
        rightsize.emulator.profiles.test-reader {
          prefill-tokens-per-second = 1000
          decode-tokens-per-second = 100
          saturated-decode-tokens-per-second = 100
          saturation-streams = 1
          first-token-overhead-ms = 0
        }
        rightsize.deployments = [{ name = reader, emulator.profile = test-reader }]
        """);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (EmulatorServer server = EmulatorServer.start(settings, 0)) {
      String prompt = "Explain how to size a deployment. ".repeat(35);
      for (int i = 0; i < 3; i++) {
        String id = "reader-" + i;
        ChatResponseReader reader = new ChatResponseReader(true);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.uri() + "/score"))
            .header("azureml-model-deployment", "reader")
            .header("x-ms-client-request-id", id)
            .POST(HttpRequest.BodyPublishers.ofString(EmulatorTestSupport.body(prompt, 30, true, true)))
            .build();
        client.send(request, info -> new Feed(reader));
        ChatOutcome read = reader.outcome();
        RequestTruth truth = server.groundTruth().request(id).orElseThrow();

        assertThat(truth.prefillNanos()).isGreaterThan(200_000_000L);
        assertThat(read.done()).isTrue();
        assertThat(read.usage().completionTokens()).isEqualTo(truth.sentCompletionTokens());
        assertThat(read.usage().promptTokens()).isEqualTo(truth.promptTokens());
        List<ChunkTruth> sent = truth.contentChunks();
        List<Long> arrived = read.contentArrivalNanos();
        assertThat(arrived).hasSameSizeAs(sent);
        // Same JVM, same clock: arrival is after sending, and close to it.
        long firstGap = arrived.get(0) - truth.firstContentNanos();
        assertThat(firstGap).isBetween(0L, 50_000_000L);
        assertThat(read.endNanos() - truth.endNanos()).isBetween(0L, 50_000_000L);
        List<Long> gaps = new ArrayList<>();
        for (int c = 0; c < sent.size(); c++) {
          gaps.add(arrived.get(c) - sent.get(c).sentNanos());
        }
        gaps.sort(null);
        assertThat(gaps.get(0)).isNotNegative();
        assertThat(gaps.get(gaps.size() / 2)).as("median arrival - send").isLessThan(5_000_000L);
      }
    }
  }

  /** Feeds each buffer to the reader with the time it arrived. */
  private static final class Feed implements HttpResponse.BodySubscriber<Void> {
    private final ChatResponseReader reader;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    Feed(ChatResponseReader reader) {
      this.reader = reader;
    }

    @Override
    public CompletionStage<Void> getBody() {
      return finished;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      long now = System.nanoTime();
      for (ByteBuffer b : item) {
        reader.onBytes(b, now);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      finished.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      reader.onEnd(System.nanoTime());
      finished.complete(null);
    }
  }
}
