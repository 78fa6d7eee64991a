package rightsize.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import rightsize.chat.ChatOutcome;
import rightsize.chat.ChatResponseReader;
import rightsize.chat.OutcomeMetrics;
import rightsize.metrics.RequestMetrics;

/**
 * Cost per SSE event of reading an Azure OpenAI stream: SSE decoding, chunk interpretation,
 * timestamps, and the request's metrics at the end, amortised over the stream's events.
 * docs/benchmarks.md ("SSE parsing") says how to run it and what it measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SseParseBenchmark {

  /** Content chunks in the stream; with prompt filter, role, finish, usage and [DONE] events added. */
  static final int CONTENT_CHUNKS = 100;
  static final int EVENTS = CONTENT_CHUNKS + 5;

  /** How the body arrives: one read per event, or TCP-segment-sized reads that cut events anywhere. */
  @Param({"per-event", "1460-byte-reads"})
  public String reads;

  private List<ByteBuffer> buffers;

  @Setup(Level.Trial)
  public void setUp() {
    List<String> events = azureStream();
    buffers = new ArrayList<>();
    if (reads.equals("per-event")) {
      for (String e : events) {
        buffers.add(ByteBuffer.wrap(e.getBytes(StandardCharsets.UTF_8)));
      }
    } else {
      byte[] body = String.join("", events).getBytes(StandardCharsets.UTF_8);
      for (int from = 0; from < body.length; from += 1460) {
        buffers.add(ByteBuffer.wrap(body, from, Math.min(1460, body.length - from)).slice());
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public RequestMetrics readStream() {
    ChatResponseReader reader = new ChatResponseReader(true);
    long now = 1_000_000_000L;
    for (int i = 0; i < buffers.size(); i++) {
      now += 20_000_000L;
      reader.onBytes(buffers.get(i), now);
    }
    reader.onEnd(now);
    ChatOutcome outcome = reader.outcome();
    return OutcomeMetrics.of(1_000_000_000L, now, outcome, null, null);
  }

  /**
   * A gpt-4o-mini stream as Azure sends it with the default (synchronous) content filter: prompt
   * filter results first, a role-only delta, content chunks of several tokens each carrying
   * content_filter_results, a finish chunk, a usage-only chunk, [DONE].
   */
  static List<String> azureStream() {
    String tail = ",\"created\":1749821284,\"id\":\"chatcmpl-BhyjslTwN48eOEj3LT3jsieMDRgRl\",\"model\":\"gpt-4o-mini-2024-07-18\","
        + "\"object\":\"chat.completion.chunk\",\"system_fingerprint\":\"fp_57db37749c\"";
    String filters = "{\"hate\":{\"filtered\":false,\"severity\":\"safe\"},\"self_harm\":{\"filtered\":false,\"severity\":\"safe\"},"
        + "\"sexual\":{\"filtered\":false,\"severity\":\"safe\"},\"violence\":{\"filtered\":false,\"severity\":\"safe\"}}";
    String[] pieces = {" The quick", " brown fox", " jumps over", " the lazy", " dog, and \\\"then\\\"", " rests.\\n\\nNext"};
    List<String> events = new ArrayList<>();
    events.add("data: {\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\",\"prompt_filter_results\":"
        + "[{\"prompt_index\":0,\"content_filter_results\":" + filters + "}]}\n\n");
    events.add("data: {\"choices\":[{\"content_filter_results\":{},\"delta\":{\"content\":\"\",\"refusal\":null,\"role\":\"assistant\"},"
        + "\"finish_reason\":null,\"index\":0,\"logprobs\":null}]" + tail + ",\"usage\":null}\n\n");
    for (int i = 0; i < CONTENT_CHUNKS; i++) {
      events.add("data: {\"choices\":[{\"content_filter_results\":" + filters + ",\"delta\":{\"content\":\""
          + pieces[i % pieces.length] + "\"},\"finish_reason\":null,\"index\":0,\"logprobs\":null}]" + tail + ",\"usage\":null}\n\n");
    }
    events.add("data: {\"choices\":[{\"content_filter_results\":{},\"delta\":{},\"finish_reason\":\"stop\",\"index\":0,"
        + "\"logprobs\":null}]" + tail + ",\"usage\":null}\n\n");
    events.add("data: {\"choices\":[]" + tail + ",\"usage\":{\"completion_tokens\":256,\"completion_tokens_details\":"
        + "{\"accepted_prediction_tokens\":0,\"audio_tokens\":0,\"reasoning_tokens\":0,\"rejected_prediction_tokens\":0},"
        + "\"prompt_tokens\":965,\"prompt_tokens_details\":{\"audio_tokens\":0,\"cached_tokens\":0},\"total_tokens\":1221}}\n\n");
    events.add("data: [DONE]\n\n");
    return events;
  }
}
