package rightsize.client;

import static rightsize.testing.ScriptedChatServer.DONE;
import static rightsize.testing.ScriptedChatServer.contentChunk;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import rightsize.chat.ChatOutcome;
import rightsize.chat.ChatResponseReader;
import rightsize.config.Timeouts;
import rightsize.testing.ScriptedChatServer;
import rightsize.testing.ScriptedChatServer.Ending;
import rightsize.testing.ScriptedChatServer.Received;
import rightsize.testing.ScriptedChatServer.Reply;

/**
 * Compares the Netty client with the JDK HttpClient on loopback: how late each content chunk is
 * seen after the server wrote it, how long after the client's start instant the server receives the
 * request, and the process CPU time per chunk. Figures go to docs/client.md. Run with {@code mvn -B
 * test -Dtest=ClientOverheadBenchmark -DexcludedGroups=} (the output is in
 * target/surefire-reports/rightsize.client.ClientOverheadBenchmark-output.txt).
 */
@Tag("benchmark")
class ClientOverheadBenchmark {
  private static final int CHUNKS = 20;
  private static final long GAP_MS = 20;
  private static final byte[] BODY = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes(StandardCharsets.UTF_8);

  /** One client under test: sends {@code id} and reports start instant and the outcome. */
  interface Sender {
    CompletableFuture<long[]> send(URI uri, String id);
  }

  @Test
  void compare() throws Exception {
    List<Long> offsets = new ArrayList<>();
    List<String> chunks = new ArrayList<>();
    for (int i = 0; i < CHUNKS; i++) {
      offsets.add(10 + i * GAP_MS);
      chunks.add(contentChunk("tok" + i));
    }
    offsets.add(10 + CHUNKS * GAP_MS);
    chunks.add(DONE);
    try (ScriptedChatServer server = new ScriptedChatServer(r -> Reply.stream(offsets, chunks, Ending.END));
        ChatClient netty = new ChatClient(1);
        ChatClient netty2 = new ChatClient(2)) {
      HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
      Sender nettySender = (uri, id) -> nettySend(netty, uri, id);
      Sender netty2Sender = (uri, id) -> nettySend(netty2, uri, id);
      Sender jdkSender = (uri, id) -> jdkSend(jdk, uri, id);
      System.out.println("| client | streams | chunk lag p50 ms | p99 | max | call to server receipt p50 ms | p99 | process CPU µs per chunk |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      for (int streams : new int[] {1, 50, 200}) {
        for (int round = 0; round < 3; round++) { // the first round of each warms up
          measure("Netty, 1 I/O thread", nettySender, server, streams, round > 0);
          measure("Netty, 2 I/O threads", netty2Sender, server, streams, round > 0);
          measure("JDK HttpClient", jdkSender, server, streams, round > 0);
        }
      }
    }
  }

  /** Start is taken before the call, as for the JDK client, so that both include connection set-up. */
  private static CompletableFuture<long[]> nettySend(ChatClient client, URI uri, String id) {
    CompletableFuture<long[]> f = new CompletableFuture<>();
    long start = System.nanoTime();
    client.execute(new ChatRequest(id, uri, Map.of("x-ms-client-request-id", id), BODY, true,
        new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30)), new rightsize.config.WireFormatSettings.OpenAiChat(), ""), r -> f.complete(arrivals(start, r.outcome())));
    return f;
  }

  private static CompletableFuture<long[]> jdkSend(HttpClient jdk, URI uri, String id) {
    ChatResponseReader reader = new ChatResponseReader(true);
    CompletableFuture<long[]> done = new CompletableFuture<>();
    long start = System.nanoTime();
    HttpRequest req = HttpRequest.newBuilder(uri).header("x-ms-client-request-id", id).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(BODY)).build();
    Flow.Subscriber<List<ByteBuffer>> sub = new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(List<ByteBuffer> items) {
        long now = System.nanoTime();
        items.forEach(b -> reader.onBytes(b, now));
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        reader.onEnd(System.nanoTime());
        done.complete(arrivals(start, reader.outcome()));
      }
    };
    jdk.sendAsync(req, HttpResponse.BodyHandlers.fromSubscriber(sub));
    return done;
  }

  /** [start, arrival of content 0, 1, ...] */
  private static long[] arrivals(long start, ChatOutcome outcome) {
    long[] out = new long[outcome.contentArrivalNanos().size() + 1];
    out[0] = start;
    for (int i = 1; i < out.length; i++) {
      out[i] = outcome.contentArrivalNanos().get(i - 1);
    }
    return out;
  }

  private static void measure(String name, Sender sender, ScriptedChatServer server, int streams, boolean print) throws Exception {
    URI uri = server.baseUri().resolve("/v1/chat/completions");
    Map<String, CompletableFuture<long[]>> inFlight = new ConcurrentHashMap<>();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    for (int i = 0; i < streams; i++) {
      String id = UUID.randomUUID().toString();
      inFlight.put(id, sender.send(uri, id));
    }
    List<Double> lags = new ArrayList<>();
    List<Double> uplinks = new ArrayList<>();
    for (Map.Entry<String, CompletableFuture<long[]>> e : inFlight.entrySet()) {
      long[] a = e.getValue().get(60, TimeUnit.SECONDS);
      Received got = server.byRequestId(e.getKey());
      uplinks.add((got.receivedNanos - a[0]) / 1e6);
      for (int i = 1; i < a.length; i++) {
        lags.add((a[i] - got.sentNanos.get(i - 1)) / 1e6);
      }
    }
    long cpu = os.getProcessCpuTime() - cpu0;
    if (print) {
      System.out.printf("| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f |%n", name, streams, pct(lags, 50), pct(lags, 99), pct(lags, 100),
          pct(uplinks, 50), pct(uplinks, 99), cpu / 1000.0 / lags.size());
    }
  }

  private static double pct(List<Double> xs, double p) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    int i = (int) Math.ceil(p / 100.0 * a.length) - 1;
    return a[Math.max(0, Math.min(a.length - 1, i))];
  }
}
